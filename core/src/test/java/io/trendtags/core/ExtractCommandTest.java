package io.trendtags.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExtractCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String stdin, String... args) {
    ExtractCommand command = new ExtractCommand(
        new BufferedReader(new StringReader(stdin)), out, new PrintWriter(err, true));
    return new CommandLine(command).execute(args);
  }

  @Test
  void printsOneArrayPerLineForTextsAndTweets() {
    int code = run("""
        "Hello #World and #Java 😀"
        "no hashtags here"
        {"id":"9","text":"#ignored","entities":{"hashtags":[{"start":0,"end":5,"tag":"Given"}]}}
        {"id":"10","text":"日本 #東京 #JAVA"}
        """);
    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("""
        ["World","Java"]
        []
        ["Given"]
        ["東京","JAVA"]
        """);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void printsTheNetworksOwnTagsOfMastodonAndBlueskyPosts() {
    int code = run("""
        {"id":"1","created_at":"2025-07-17T10:00:00.000Z","account":{"id":"5"},"content":"<p>#ignored</p>","tags":[],"reblog":{"id":"2","account":{"id":"6"},"content":"<p>#a #b</p>","tags":[{"name":"academicmilestone"},{"name":"datascience"}]}}
        {"post":{"uri":"at://did:plc:a/app.bsky.feed.post/1","author":{"did":"did:plc:a"},"record":{"$type":"app.bsky.feed.post","text":"Kürzungen #StopTheCuts","createdAt":"2025-07-04T10:00:00.000Z","facets":[{"index":{"byteStart":11,"byteEnd":23},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"StopTheCuts"}]}],"tags":["rstats"]}}}
        """);
    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("""
        ["academicmilestone","datascience"]
        ["StopTheCuts","rstats"]
        """);
  }

  @Test
  void aBadLinePrintsNullAndItsLineNumberAndTheRestGoesOn() {
    int code = run("""
        "#one"
        {"text":"#no id"}
        not json

        "#two"
        """);
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).isEqualTo("""
        ["one"]
        null
        null
        null
        ["two"]
        """);
    assertThat(err.toString())
        .contains("line 2: id is missing")
        .contains("line 3: not a JSON string or object")
        .contains("line 4: empty line")
        .contains("3 of 5 lines");
  }

  @Test
  void foldPrintsCountingKeys() {
    assertThat(run("\"#Java #JAVA #ＪＡＶＡ\"\n", "--fold")).isZero();
    assertThat(out.toString()).isEqualTo("[\"java\",\"java\",\"java\"]\n");
  }

  @Test
  void helpDescribesTheBadLineContract() {
    StringWriter help = new StringWriter();
    CommandLine cmd = new CommandLine(new ExtractCommand(new BufferedReader(new StringReader("")), out,
        new PrintWriter(err)));
    cmd.setOut(new PrintWriter(help));
    assertThat(cmd.execute("--help")).isZero();
    assertThat(help.toString()).contains("prints null").contains("exit code is 1");
  }
}
