package io.trendtags.core.hashtag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** twitter-text's own conformance suite, read where every checkout has it: {@code ../shared} of the project. */
final class ConformanceSuite {

  private ConformanceSuite() {}

  /** The {@code tests} node of extract.yml. */
  static JsonNode extractTests() {
    String home = System.getProperty("trendtags.home", ".");
    Path file = Path.of(home).resolve("../shared/reference/twitter-text-conformance/extract.yml").normalize();
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).get("tests");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read twitter-text's conformance suite at " + file, e);
    }
  }
}
