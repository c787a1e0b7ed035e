package io.trendtags.launcher.demo;

import io.trendtags.launcher.process.StageProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/** Resident memory (RSS) of processes, read from Linux's /proc. */
final class ProcessMemory {

  private ProcessMemory() {}

  /** RSS of one process in kB, or -1 where /proc does not tell (not Linux, or it exited). */
  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Gone or unreadable: reported as unknown.
    }
    return -1;
  }

  /** Each process's figure and the total, in MB. */
  record Report(String line, long totalMb) {}

  /**
   * e.g. {@code kafka 390 MB, hbase 420 MB, ..., demo 60 MB, total 1650 MB RSS}. A stage's figure includes the
   * processes it started: a Spark worker's executors, which do the job's work on a cluster.
   */
  static Report of(List<StageProcess> stages) {
    StringJoiner line = new StringJoiner(", ");
    long total = 0;
    for (StageProcess stage : stages) {
      long kb = rssKb(stage.pid());
      long children = ProcessHandle.of(stage.pid()).stream().flatMap(ProcessHandle::descendants)
          .mapToLong(child -> Math.max(rssKb(child.pid()), 0)).sum();
      total += Math.max(kb, 0) + children;
      line.add(stage.stage() + " " + (kb + children) / 1024 + " MB" + (children > 0 ? " (with executors)" : ""));
    }
    long self = rssKb(ProcessHandle.current().pid());
    total += Math.max(self, 0);
    line.add("demo " + self / 1024 + " MB");
    return new Report(line + ", total " + total / 1024 + " MB RSS", total / 1024);
  }
}
