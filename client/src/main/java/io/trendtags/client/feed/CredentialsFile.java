package io.trendtags.client.feed;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The {@code --credentials FILE} of every network: a properties file, read with a message that names no value. */
public final class CredentialsFile {

  private CredentialsFile() {}

  /**
   * The file's properties.
   *
   * @throws IllegalArgumentException when it cannot be read
   */
  public static Properties read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("--credentials: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    return properties;
  }
}
