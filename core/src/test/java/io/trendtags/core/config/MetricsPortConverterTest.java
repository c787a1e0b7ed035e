package io.trendtags.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class MetricsPortConverterTest {

  private final MetricsPortConverter converter = new MetricsPortConverter();

  @Test
  void shouldTakeZeroForNoneAndAnyTcpPort() {
    assertThat(converter.convert("0")).isZero();
    assertThat(converter.convert(" 9102 ")).isEqualTo(9102);
    assertThat(converter.convert("65535")).isEqualTo(65535);
  }

  @Test
  void shouldSayWhatAPortIsWhenGivenSomethingElse() {
    assertThatThrownBy(() -> converter.convert("70000")).isInstanceOf(TypeConversionException.class)
        .hasMessage("must be from 1 to 65535, or 0 for none; got 70000");
    assertThatThrownBy(() -> converter.convert("-1")).hasMessageContaining("got -1");
    assertThatThrownBy(() -> converter.convert("ninety")).hasMessageContaining("'ninety' is not a port");
  }
}
