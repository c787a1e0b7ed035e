package io.trendtags.web.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmbedPolicyTest {

  @Test
  void open_lets_any_site_frame_the_widget_and_any_origin_call_the_api() {
    assertThat(EmbedPolicy.OPEN.widgetCsp()).isEqualTo("default-src 'self'; base-uri 'none'; frame-ancestors *");
    assertThat(EmbedPolicy.OPEN.anyOrigin()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "'self'", "'none'", "https:", "https://blog.example.org", "https://*.example.org:8443 'self'", "  http://127.0.0.1:8080  "})
  void takes_csp_sources(String frameAncestors) {
    assertThat(new EmbedPolicy(frameAncestors, List.of()).widgetCsp()).endsWith("frame-ancestors " + frameAncestors.trim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "*; script-src *", "https://a.org, https://b.org", "'unsafe-inline'", "https://a.org/\r\nX: y"})
  void refuses_what_would_break_out_of_the_directive_or_is_no_source(String frameAncestors) {
    assertThatThrownBy(() -> new EmbedPolicy(frameAncestors, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frame-ancestors");
  }

  @ParameterizedTest
  @ValueSource(strings = {"blog.example.org", "https://blog.example.org/", "https://blog.example.org/path", "null", "https://a.org\r\n"})
  void refuses_a_cors_origin_that_is_not_scheme_host_and_port(String origin) {
    assertThatThrownBy(() -> new EmbedPolicy("*", List.of(origin)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cors-origins: '" + origin + "' is not an origin");
  }
}
