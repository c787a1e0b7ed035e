package io.trendtags.stream.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system, except that it sets a file's permissions in-process ({@code java.nio}) where
 * Hadoop's forks {@code chmod}. Without Hadoop's native library, which no Maven artifact carries, Hadoop
 * forks a {@code chmod} for every file it creates. A checkpoint creates about ten files per micro-batch of
 * each query (the offset and commit logs, each state store's changelog), and on two busy cores each fork cost
 * 20-50 ms: most of a batch's wait, measured with {@code jstack} during {@code ./trendtags bench --latency}.
 *
 * <p>The job sets it as {@code fs.file.impl} ({@link LocalCheckpoints}); everything else is Hadoop's own.
 */
public final class NioLocalFileSystem extends LocalFileSystem {

  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-less) layer, where Hadoop sets permissions. */
  static final class Raw extends RawLocalFileSystem {

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
    }
  }

  /** The nine rwx bits of {@code mode}; the sticky bit, which Hadoop's local files never ask for, is ignored. */
  static Set<PosixFilePermission> posix(int mode) {
    PosixFilePermission[] byBit = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < byBit.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(byBit[bit]);
      }
    }
    return set;
  }
}
