package io.trendtags.embedded.hbase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class HBaseSettingsTest {

  private final HBaseSettings settings = new HBaseSettings(Path.of("/data/hbase"), 12181, -1, true);
  private final Configuration conf = settings.toConfiguration();

  @Test
  void shouldRunStandaloneOnTheLocalFilesystem() {
    assertThat(conf.getBoolean("hbase.cluster.distributed", true)).isFalse();
    assertThat(conf.get("hbase.rootdir")).isEqualTo("file:///data/hbase/hbase");
    assertThat(conf.get("hbase.zookeeper.property.dataDir")).isEqualTo("/data/hbase/zookeeper");
  }

  @Test
  void shouldBindEveryServerToLoopback() {
    assertThat(conf.get("hbase.zookeeper.quorum")).isEqualTo("127.0.0.1");
    assertThat(conf.get("hbase.master.ipc.address")).isEqualTo("127.0.0.1");
    assertThat(conf.get("hbase.regionserver.ipc.address")).isEqualTo("127.0.0.1");
    assertThat(conf.get("hbase.master.info.bindAddress")).isEqualTo("127.0.0.1");
    assertThat(settings.zkQuorum()).isEqualTo("127.0.0.1:12181");
  }

  @Test
  void shouldTurnTheUiOffAndChooseFreePortsForTests() {
    assertThat(conf.getInt("hbase.master.info.port", 0)).isEqualTo(-1);
    assertThat(conf.getInt("hbase.regionserver.info.port", 0)).isEqualTo(-1);
    assertThat(conf.getBoolean("hbase.localcluster.assign.random.ports", false)).isTrue();
  }

  @Test
  void shouldRunEachProcessOfADistributedHBaseOverOneRootDirWithScratchSpaceOfItsOwn() {
    Configuration master = new HBaseSettings(Path.of("/data/hbase"), 2181, 16010, false, HBaseRole.MASTER).toConfiguration();
    Configuration server = new HBaseSettings(Path.of("/data/hbase"), 2181, -1, false, HBaseRole.REGIONSERVER).toConfiguration();
    assertThat(master.getBoolean("hbase.cluster.distributed", false)).isTrue();
    assertThat(server.getBoolean("hbase.cluster.distributed", false)).isTrue();
    assertThat(master.get("hbase.rootdir")).isEqualTo(server.get("hbase.rootdir")).isEqualTo("file:///data/hbase/hbase");
    assertThat(master.get("hbase.tmp.dir")).isNotEqualTo(server.get("hbase.tmp.dir"));
  }

  @Test
  void shouldRunEverythingInTheStandaloneRoleAndOnePartInEachOther() {
    assertThat(HBaseRole.STANDALONE.runsZooKeeper() && HBaseRole.STANDALONE.runsMaster() && HBaseRole.STANDALONE.runsRegionServer()).isTrue();
    for (HBaseRole role : new HBaseRole[] {HBaseRole.ZOOKEEPER, HBaseRole.MASTER, HBaseRole.REGIONSERVER}) {
      int parts = (role.runsZooKeeper() ? 1 : 0) + (role.runsMaster() ? 1 : 0) + (role.runsRegionServer() ? 1 : 0);
      assertThat(parts).as("%s", role).isOne();
      assertThat(role.distributed()).isTrue();
    }
  }
}
