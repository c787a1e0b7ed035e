package io.trendtags.embedded.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Path;
import org.apache.spark.util.logging.FileAppender;
import org.apache.spark.util.logging.RollingFileAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's settings, read by Spark's own code as its executor runner reads them. */
class SparkWorkerCommandTest {

  @Test
  void anExecutorsStdoutAndStderrRollBySizeSoAJobOfMonthsFillsNoDisk(@TempDir Path dir) throws Exception {
    File stderr = dir.resolve("stderr").toFile();
    // What ExecutorRunner does with each output stream of an executor, given the worker's SparkConf.
    FileAppender appender = FileAppender.apply(new ByteArrayInputStream(new byte[0]), stderr, SparkWorkerCommand.workerConf(), false);
    try {
      assertThat(appender).isInstanceOf(RollingFileAppender.class);
    } finally {
      appender.stop();
    }
  }
}
