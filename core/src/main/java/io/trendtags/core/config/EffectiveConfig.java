package io.trendtags.core.config;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one-line configuration dump a stage prints at start-up, with every option's effective value
 * and secrets masked, so a log shows how the process was configured without leaking credentials.
 */
public final class EffectiveConfig {

  private static final Pattern SECRET = Pattern.compile("secret|token|password|key|credential");

  private EffectiveConfig() {}

  /** {@code name=value} pairs of the command's options, secrets shown as {@code ****}. */
  public static String describe(CommandSpec spec) {
    StringJoiner line = new StringJoiner(" ");
    for (OptionSpec option : spec.options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      String name = option.longestName().replaceFirst("^-+", "");
      Object value = option.getValue();
      line.add(name + "=" + (isSecret(name) && value != null ? "****" : value));
    }
    return spec.name() + ": " + line;
  }

  /** Whether an option or environment variable of this name holds a secret (a key, token, password...). */
  public static boolean isSecret(String optionName) {
    return SECRET.matcher(optionName.toLowerCase(Locale.ROOT)).find();
  }
}
