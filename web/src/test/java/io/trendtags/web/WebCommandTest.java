package io.trendtags.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line alone; serving over a real HBase is in DashboardIT. */
class WebCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new WebCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void help_lists_every_option_with_its_default() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString()).contains(
        "--port", "default: 5001", "--bind", "default: 127.0.0.1",
        "--hbase-zk", "default: 127.0.0.1:2181", "--refresh", "default: 250ms", "--config",
        "--frame-ancestors", "(default: *, any site)", "--cors-origins", "(default: *, any");
  }

  @Test
  void a_port_out_of_range_is_a_usage_error_with_a_clear_message() {
    assertThat(run("--port", "70000")).isEqualTo(2);

    assertThat(err.toString()).contains("--port must be from 0 to 65535, got 70000");
  }

  @Test
  void a_refresh_that_is_not_a_duration_is_a_usage_error_with_a_clear_message() {
    assertThat(run("--refresh", "soon")).isEqualTo(2);

    assertThat(err.toString()).contains("'soon' is not a duration: write it like 500ms, 1s, 2m or PT1S");
  }

  @Test
  void a_refresh_of_zero_is_a_usage_error() {
    assertThat(run("--refresh", "0s")).isEqualTo(2);

    assertThat(err.toString()).contains("--refresh must be positive");
  }

  @Test
  void frame_ancestors_that_would_add_a_directive_is_a_usage_error_with_a_clear_message() {
    assertThat(run("--frame-ancestors", "*; script-src *")).isEqualTo(2);

    assertThat(err.toString()).contains("--frame-ancestors: '*;' is not a CSP source");
  }

  @Test
  void a_cors_origin_with_a_path_is_a_usage_error_with_a_clear_message() {
    assertThat(run("--cors-origins", "https://blog.example.org,https://x.org/feed")).isEqualTo(2);

    assertThat(err.toString()).contains("--cors-origins: 'https://x.org/feed' is not an origin");
  }

  @Test
  void the_printed_url_is_one_a_browser_can_open() {
    assertThat(WebCommand.urlHost("127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(WebCommand.urlHost("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(WebCommand.urlHost("::1")).isEqualTo("[::1]");
  }
}
