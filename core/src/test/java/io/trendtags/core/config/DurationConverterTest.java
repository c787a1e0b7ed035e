package io.trendtags.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  private final DurationConverter converter = new DurationConverter();

  @ParameterizedTest(name = "{0} is {1} ms")
  @CsvSource({"500ms, 500", "1s, 1000", "2m, 120000", "1h, 3600000", "48h, 172800000", "7d, 604800000", "PT1.5S, 1500", "' 3S ', 3000"})
  void reads_short_and_iso_durations(String text, long millis) {
    assertThat(converter.convert(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "1 day", "1.5s", ""})
  void refuses_anything_else_with_a_message_that_shows_how_to_write_one(String text) {
    assertThatThrownBy(() -> converter.convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("write it like 500ms, 1s, 2m or PT1S");
  }
}
