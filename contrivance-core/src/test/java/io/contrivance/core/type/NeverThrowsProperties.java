package io.contrivance.core.type;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Parsing, accepting and formatting never throw, whatever the input. */
class NeverThrowsProperties {

  @Provide
  Arbitrary<String> inputs() {
    Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(60);
    Arbitrary<String> numeric =
        Arbitraries.strings().withChars("0123456789.,-+()$€%eE :/TZ[]APM ").ofMaxLength(40);
    Arbitrary<String> wordy =
        Arbitraries.of("$", "USD", "1,234.50", "2026-02-29", "Mar", "PM", "Europe/Paris", "+02:00", "@", "mailto:", "https://", "x", "∞", "\u0000", "١٢٣")
            .list().ofMaxSize(6).map(parts -> String.join(" ", parts));
    return Arbitraries.oneOf(anything, numeric, wordy);
  }

  @Property(tries = 2000)
  void parseNeverThrows(@ForAll("inputs") String input) {
    for (ColumnType type : RegistryAndFormatTest.BUILT_INS) {
      for (TextFormat format : List.of(TextFormat.ISO, TextFormat.US, TextFormat.EUROPE)) {
        ParseResult result = type.parse(input, format);
        assertThat(result).isNotNull();
        if (result instanceof ParseResult.Valid valid) {
          assertThat(type.accept(valid.value()).isValid()).as("%s accepts what it parsed from '%s'", type, input).isTrue();
          assertThat(type.format(valid.value(), format)).isNotNull();
        }
      }
    }
  }

  @Property(tries = 500)
  void acceptAndConvertNeverThrow(@ForAll("inputs") String input) {
    for (ColumnType from : RegistryAndFormatTest.BUILT_INS) {
      if (!(from.parse(input, TextFormat.ISO) instanceof ParseResult.Valid valid) || valid.value().isBlank()) {
        continue;
      }
      for (ColumnType to : RegistryAndFormatTest.BUILT_INS) {
        assertThat(to.accept(valid.value())).isNotNull();
        assertThat(to.convert(valid.value(), from)).isNotNull();
      }
    }
  }
}
