package io.trendtags.launcher.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stage's log file that keeps its newest lines only: once the next line would take it past {@code limitBytes},
 * the file becomes {@code <name>.1} (dropping the one before) and a new one begins. A demo left reading someone's
 * timeline for months then holds at most twice the limit per stage, and the newest lines are always in the file
 * that messages name. Not thread-safe: one pump thread writes it.
 */
final class RollingLog implements Closeable {

  /** What one file may hold before it rolls: days of a stage's normal logging. */
  static final long DEFAULT_LIMIT_BYTES = 10L * 1024 * 1024;

  private static final int NEWLINE_BYTES = System.lineSeparator().length();

  private final Path file;
  private final Path previous;
  private final long limitBytes;
  private BufferedWriter out;
  private long written;

  /** Starts {@code file} anew (a stage's log is that of its latest run). */
  RollingLog(Path file, long limitBytes) throws IOException {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException("a log's limit must be positive: " + limitBytes);
    }
    this.file = file;
    this.previous = file.resolveSibling(file.getFileName() + ".1");
    this.limitBytes = limitBytes;
    this.out = Files.newBufferedWriter(file, UTF_8);
  }

  /** Appends {@code line} and flushes it, so the file is current for whoever reads it while the stage runs. */
  void writeLine(String line) throws IOException {
    long bytes = line.getBytes(UTF_8).length + NEWLINE_BYTES;
    if (written > 0 && written + bytes > limitBytes) {
      roll();
    }
    out.write(line);
    out.newLine();
    out.flush();
    written += bytes;
  }

  private void roll() throws IOException {
    out.close();
    Files.move(file, previous, REPLACE_EXISTING);
    out = Files.newBufferedWriter(file, UTF_8);
    written = 0;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
