package io.trendtags.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where a command's options come from when the command line does not give them, in this order:
 * <ol>
 *   <li>the environment: {@code TRENDTAGS_<OPTION>}, e.g. {@code --hbase-zk} is {@code TRENDTAGS_HBASE_ZK};</li>
 *   <li>a properties file: {@code --config FILE}, else {@code $TRENDTAGS_CONFIG}, else {@code ./trendtags.properties}
 *       if it exists; keys are the long option names without dashes ({@code hbase-zk=zk1:2181});</li>
 *   <li>the option's own default.</li>
 * </ol>
 * Flags win over all of these because picocli consults a default provider only for options the user left out.
 *
 * <pre>{@code System.exit(ConfigDefaults.execute(new StreamCommand(), args))}</pre>
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

  /** Environment variable naming the config file when {@code --config} is not given. */
  public static final String CONFIG_ENV = "TRENDTAGS_CONFIG";
  private static final Path DEFAULT_FILE = Path.of("trendtags.properties");

  private final Map<String, String> environment;
  private final Properties file;

  /**
   * Columns of {@code --help}. The commands' descriptions are written as lines of up to about 110 chars; at
   * picocli's default of 80 each of them would break in two, mid-sentence.
   */
  static final int HELP_WIDTH = 120;

  ConfigDefaults(Map<String, String> environment, Properties file) {
    this.environment = Map.copyOf(environment);
    this.file = file;
  }

  /**
   * Runs {@code command} on {@code args} with defaults from this process's environment and config file:
   * picocli's exit code, or, when the config file cannot be read, a one-line error and exit code 2, as for
   * any other bad argument. Every stage's {@code main} is {@code System.exit(ConfigDefaults.execute(new X(), args))}.
   */
  public static int execute(Object command, String[] args) {
    CommandLine cli = new CommandLine(command).setUsageHelpWidth(HELP_WIDTH);
    ConfigDefaults defaults;
    try {
      defaults = load(args);
    } catch (IllegalArgumentException e) {
      cli.getErr().println(cli.getCommandName() + ": " + e.getMessage());
      return cli.getCommandSpec().exitCodeOnInvalidInput();
    }
    return cli.setDefaultValueProvider(defaults).execute(args);
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }

  /**
   * Defaults for a command about to parse {@code args}, from this process's environment and config file.
   *
   * @throws IllegalArgumentException when the config file cannot be read
   */
  public static ConfigDefaults load(String[] args) {
    return load(args, System.getenv());
  }

  static ConfigDefaults load(String[] args, Map<String, String> environment) {
    Path file = configFile(args, environment);
    Properties properties = new Properties();
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read config file " + file + " (" + describe(e) + ")", e);
      }
    }
    return new ConfigDefaults(environment, properties);
  }

  private static Path configFile(String[] args, Map<String, String> environment) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    String fromEnv = environment.get(CONFIG_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || option.longestName().equals("--config")) {
      return null;
    }
    String name = option.longestName().replaceFirst("^-+", "");
    String fromEnv = environment.get(environmentName(name));
    if (fromEnv != null) {
      return fromEnv;
    }
    return file.getProperty(name);
  }

  /** The environment variable read for a long option name: {@code hbase-zk} is {@code TRENDTAGS_HBASE_ZK}. */
  public static String environmentName(String optionName) {
    return "TRENDTAGS_" + optionName.replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
