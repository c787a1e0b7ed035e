package io.trendtags.stream.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {

  @TempDir
  java.nio.file.Path dir;

  @Test
  void createsFilesAndDirectoriesWithThePermissionsAskedFor() throws Exception {
    try (FileSystem fs = fileSystem()) {
      Path sub = new Path(dir.toUri().toString(), "state/0");
      assertThat(fs.mkdirs(sub, new FsPermission((short) 0750))).isTrue();
      Path file = new Path(sub, "1.changelog");
      try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
        out.write("batch 1".getBytes(StandardCharsets.UTF_8));
      }

      java.nio.file.Path local = dir.resolve("state/0");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local))).isEqualTo("rwxr-x---");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local.resolve("1.changelog"))))
          .isEqualTo("rw-r-----");
      assertThat(Files.readString(local.resolve("1.changelog"))).isEqualTo("batch 1");
      // Hadoop's checksum layer still runs over it: the .crc beside the file is what it reads back against.
      assertThat(local.resolve(".1.changelog.crc")).exists();
      try (var in = fs.open(file)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("batch 1");
      }
    }
  }

  @Test
  void posixBitsFollowTheOctalMode() {
    assertThat(PosixFilePermissions.toString(NioLocalFileSystem.posix(0754))).isEqualTo("rwxr-xr--");
    assertThat(PosixFilePermissions.toString(NioLocalFileSystem.posix(01777))).isEqualTo("rwxrwxrwx");
    assertThat(NioLocalFileSystem.posix(0)).isEmpty();
  }

  @Test
  void aLocalCheckpointOfALocalJobGetsBoth() {
    SparkConf conf = new SparkConf(false).setMaster("local[*]");
    LocalCheckpoints.configure(conf, "/var/lib/trendtags/checkpoint");

    assertThat(conf.get("spark.sql.streaming.checkpointFileManagerClass")).endsWith("FileSystemBasedCheckpointFileManager");
    assertThat(conf.get("spark.hadoop.fs.file.impl")).isEqualTo(NioLocalFileSystem.class.getName());
  }

  @Test
  void aClusterKeepsHadoopsFileSystemAndRemoteCheckpointsKeepSparksDefaults() {
    SparkConf cluster = new SparkConf(false).setMaster("spark://127.0.0.1:7077");
    LocalCheckpoints.configure(cluster, "file:/shared/checkpoint");
    assertThat(cluster.contains("spark.sql.streaming.checkpointFileManagerClass")).isTrue();
    assertThat(cluster.contains("spark.hadoop.fs.file.impl")).isFalse();

    SparkConf remote = new SparkConf(false).setMaster("local[*]");
    LocalCheckpoints.configure(remote, "hdfs://namenode:8020/trendtags/checkpoint");
    assertThat(remote.contains("spark.sql.streaming.checkpointFileManagerClass")).isFalse();
    assertThat(remote.contains("spark.hadoop.fs.file.impl")).isFalse();
  }

  @Test
  void whatTheUserSetWins() {
    SparkConf conf = new SparkConf(false).setMaster("local[2]").set("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
    LocalCheckpoints.configure(conf, "/checkpoint");
    assertThat(conf.get("spark.hadoop.fs.file.impl")).isEqualTo("org.apache.hadoop.fs.LocalFileSystem");
  }

  private static FileSystem fileSystem() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    FileSystem fs = FileSystem.get(java.net.URI.create("file:///"), conf);
    assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
    return fs;
  }
}
