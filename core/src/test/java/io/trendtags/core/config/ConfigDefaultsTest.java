package io.trendtags.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ConfigDefaultsTest {

  @Command(name = "probe")
  static class Probe {
    @Option(names = "--hbase-zk", defaultValue = "127.0.0.1:2181") String hbaseZk;
    @Option(names = "--port", defaultValue = "5001") int port;
    @Option(names = "--consumer-secret") String consumerSecret;
    @Option(names = "--config") Path config;
  }

  @TempDir Path dir;

  private Probe parse(Map<String, String> env, String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).setDefaultValueProvider(ConfigDefaults.load(args, env)).parseArgs(args);
    return probe;
  }

  @Test
  void flagsWinOverEnvironmentWhichWinsOverFileWhichWinsOverBuiltIn() throws IOException {
    Path file = Files.writeString(dir.resolve("t.properties"), "hbase-zk=file:1\nport=7000\n");
    Map<String, String> env = Map.of("TRENDTAGS_HBASE_ZK", "env:2", ConfigDefaults.CONFIG_ENV, file.toString());

    assertThat(parse(env, "--hbase-zk", "flag:3").hbaseZk).isEqualTo("flag:3");
    assertThat(parse(env).hbaseZk).isEqualTo("env:2");
    assertThat(parse(env).port).isEqualTo(7000);
    assertThat(parse(Map.of()).hbaseZk).isEqualTo("127.0.0.1:2181");
  }

  @Test
  void configFlagNamesTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("c.properties"), "port=6001\n");

    assertThat(parse(Map.of(), "--config", file.toString()).port).isEqualTo(6001);
    assertThat(parse(Map.of(), "--config=" + file).port).isEqualTo(6001);
  }

  @Test
  void environmentNamesFollowTheOptionName() {
    assertThat(ConfigDefaults.environmentName("hbase-zk")).isEqualTo("TRENDTAGS_HBASE_ZK");
  }

  @Test
  void effectiveConfigMasksSecrets() {
    Probe probe = new Probe();
    CommandLine cli = new CommandLine(probe).setDefaultValueProvider(ConfigDefaults.load(new String[0], Map.of()));
    cli.parseArgs("--consumer-secret", "s3cr3t-value");

    String line = EffectiveConfig.describe(cli.getCommandSpec());

    assertThat(line).contains("consumer-secret=****", "port=5001").doesNotContain("s3cr3t-value");
  }

  @Test
  void aConfigFileThatCannotBeReadIsAOneLineErrorAndExitCodeTwo() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream was = System.err;
    int code;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      code = ConfigDefaults.execute(new Probe(), new String[] {"--config", dir.resolve("missing.properties").toString()});
    } finally {
      System.setErr(was);
    }

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8).strip())
        .isEqualTo("probe: cannot read config file " + dir.resolve("missing.properties") + " (no such file)");
  }

  @Command(name = "described", mixinStandardHelpOptions = true, description = {
      "A description written as the commands write theirs, in lines of about a hundred and ten characters each.",
      "Each one is printed whole by --help."})
  static class Described implements Runnable {
    @Override
    public void run() {}
  }

  @Test
  void helpPrintsEachLineOfADescriptionWhole() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream was = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      ConfigDefaults.execute(new Described(), new String[] {"--help"});
    } finally {
      System.setOut(was);
    }

    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
        .contains("A description written as the commands write theirs, in lines of about a hundred and ten characters each.");
  }
}
