package io.trendtags.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.hashtag.HashtagExtractor;
import io.trendtags.core.hashtag.HashtagKey;
import io.trendtags.core.tweet.MalformedTweetException;
import io.trendtags.core.tweet.Tweet;
import io.trendtags.core.post.PostParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./trendtags extract}: the hashtags of tweets on stdin, one JSON array per line, exactly as the
 * stream job counts them (same parser, same extractor).
 */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Reads one JSON value per line on stdin: a post's text as a JSON string (\"Hello #World\"), an "
          + "X API v2 Tweet object ({\"id\":\"1\",\"text\":\"...\"}), a Mastodon Status, or a Bluesky post "
          + "(a feed item of getTimeline or a postView). Prints one JSON array of its hashtags "
          + "per line on stdout: no '#', original casing, in order, e.g. [\"World\"].",
      "Each network's own tags are taken as they are: Mastodon's tags (the boosted status's for a boost), "
          + "Bluesky's tag facets and the record's tags.",
      "A Tweet object's note_tweet.entities.hashtags or entities.hashtags are taken as they are; otherwise "
          + "the hashtags are found in note_tweet.text or text with twitter-text, as the stream job does.",
      "A bad line (neither a JSON string nor a Tweet object) prints null on stdout, so output line N always "
          + "answers input line N, and a message with its line number on stderr. Processing goes on; the "
          + "exit code is 1 if any line was bad.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every line was read", "1:at least one line was not a JSON string or Tweet object"})
public final class ExtractCommand implements Callable<Integer> {

  // No separator between root values: each array ends its own line.
  private static final JsonFactory JSON = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

  @Option(names = "--fold", description = "Print each tag's counting key instead (case-folded, NFKC): #JAVA -> java.")
  boolean fold;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of option defaults (see ConfigDefaults).")
  String config;

  private final BufferedReader in;
  private final Writer out;
  private final PrintWriter err;

  /** The command on stdin, stdout and stderr (UTF-8). */
  public ExtractCommand() {
    this(
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
        new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
  }

  /** The command on the given streams (tests). */
  public ExtractCommand(BufferedReader in, Writer out, PrintWriter err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(ConfigDefaults.execute(new ExtractCommand(), args));
  }


  @Override
  public Integer call() throws IOException {
    int lineNumber = 0;
    int bad = 0;
    try (JsonGenerator json = JSON.createGenerator(out)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        try {
          writeTags(json, HashtagExtractor.hashtags(readTweet(line, lineNumber)));
        } catch (MalformedTweetException e) {
          bad++;
          err.println("extract: line " + lineNumber + ": " + e.reason());
          json.writeNull();
        }
        json.writeRaw('\n');
        // Flush when the input has nothing more ready: prompt when typed, buffered when piped.
        if (!in.ready()) {
          json.flush();
        }
      }
    }
    if (bad > 0) {
      err.println("extract: " + bad + " of " + lineNumber + " lines were not a JSON string or Tweet object");
    }
    return bad == 0 ? 0 : 1;
  }

  private void writeTags(JsonGenerator json, List<String> tags) throws IOException {
    json.writeStartArray();
    for (String tag : tags) {
      json.writeString(fold ? HashtagKey.fold(tag) : tag);
    }
    json.writeEndArray();
  }

  private static Tweet readTweet(String line, int lineNumber) throws MalformedTweetException {
    String value = line.strip();
    if (value.startsWith("{")) {
      return PostParser.parse(value).content();
    }
    if (value.startsWith("\"")) {
      return Tweet.ofText(Integer.toString(lineNumber), readJsonString(value));
    }
    throw new MalformedTweetException(value.isEmpty() ? "empty line" : "not a JSON string or object");
  }

  private static String readJsonString(String value) throws MalformedTweetException {
    try (JsonParser p = JSON.createParser(value)) {
      p.nextToken();
      String text = p.getText();
      if (p.nextToken() != null) {
        throw new MalformedTweetException("unexpected content after the JSON string");
      }
      return text;
    } catch (JsonProcessingException e) {
      throw new MalformedTweetException("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedTweetException("not valid JSON: " + e.getMessage());
    }
  }
}
