package io.trendtags.core.config;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a stage's {@code --metrics-port}: a TCP port from 1 to 65535, or 0 for no metrics port at all. */
public final class MetricsPortConverter implements ITypeConverter<Integer> {

  @Override
  public Integer convert(String value) {
    int port;
    try {
      port = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a port: give 1 to 65535, or 0 for none");
    }
    if (port < 0 || port > 65535) {
      throw new TypeConversionException("must be from 1 to 65535, or 0 for none; got " + port);
    }
    return port;
  }
}
