package io.trendtags.client.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A replay file: JSON lines of X API v2 Tweet objects, opened afresh for every pass. */
public interface TimelineSource {

  /** The classpath resource of the bundled timeline (see {@link TimelineGenerator#bundled()}). */
  String BUNDLED_RESOURCE = "/timeline/home-timeline.jsonl";

  /** Opens the lines from the start. */
  BufferedReader open() throws IOException;

  /** What to call it in messages. */
  String name();

  /** The timeline bundled with the client. */
  static TimelineSource bundled() {
    return new TimelineSource() {
      @Override
      public BufferedReader open() throws IOException {
        InputStream in = TimelineSource.class.getResourceAsStream(BUNDLED_RESOURCE);
        if (in == null) {
          throw new NoSuchFileException("classpath:" + BUNDLED_RESOURCE);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      }

      @Override
      public String name() {
        return "the bundled timeline";
      }
    };
  }

  /** A replay file on disk. */
  static TimelineSource file(Path path) {
    return new TimelineSource() {
      @Override
      public BufferedReader open() throws IOException {
        return Files.newBufferedReader(path, StandardCharsets.UTF_8);
      }

      @Override
      public String name() {
        return path.toString();
      }
    };
  }
}
