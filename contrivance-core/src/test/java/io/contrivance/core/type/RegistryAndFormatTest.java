package io.contrivance.core.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryAndFormatTest {

  static final List<ColumnType> BUILT_INS =
      List.of(
          ColumnTypes.text(),
          ColumnTypes.longText(),
          ColumnTypes.number(),
          ColumnTypes.number(2),
          ColumnTypes.integer(),
          ColumnTypes.currency("EUR"),
          ColumnTypes.percent(),
          ColumnTypes.date(),
          ColumnTypes.dateTime(ZoneId.of("America/New_York")),
          ColumnTypes.bool(),
          ColumnTypes.select("Lead", "Won"),
          ColumnTypes.multiSelect("Hot", "Cold"),
          ColumnTypes.email(),
          ColumnTypes.url(),
          ColumnTypes.phone());

  @Test
  void registry_rebuildsEveryBuiltInTypeFromItsIdAndSettings() {
    for (ColumnType type : BUILT_INS) {
      assertThat(ColumnTypeRegistry.standard().create(type.id(), type.settings())).as(type.toString()).isEqualTo(type);
    }
  }

  @Test
  void registry_reportsUnknownTypesAndBadSettings() {
    assertThatThrownBy(() -> ColumnTypeRegistry.standard().create("rating", Map.of()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("unknown column type 'rating'");
    assertThatThrownBy(() -> ColumnTypeRegistry.standard().create("number", Map.of("decimals", "many")))
        .hasMessageContaining("setting 'decimals' must be a whole number");
    assertThatThrownBy(() -> ColumnTypeRegistry.standard().create("datetime", Map.of("zone", "Mars/Base")))
        .hasMessageContaining("not a time zone");
    assertThatThrownBy(() -> ColumnTypeRegistry.standard().create("select", Map.of("options", "A,B")))
        .hasMessageContaining("must be a list");
  }

  @Test
  void registry_acceptsPluginTypesOnce() {
    ColumnTypeProvider rating =
        new ColumnTypeProvider() {
          @Override
          public String id() {
            return "acme.rating";
          }

          @Override
          public ColumnType create(TypeSettings settings) {
            return ColumnTypes.integer();
          }
        };
    ColumnTypeRegistry registry = ColumnTypeRegistry.standard().with(rating);
    assertThat(registry.ids()).contains("acme.rating", "text");
    assertThat(ColumnTypeRegistry.standard().ids()).doesNotContain("acme.rating");
    assertThatThrownBy(() -> registry.with(rating)).hasMessageContaining("already registered");
  }

  @Test
  void textFormat_readsLocalesExplicitly() {
    assertThat(TextFormat.of(Locale.US)).isEqualTo(TextFormat.US);
    assertThat(TextFormat.of(Locale.GERMANY)).isEqualTo(TextFormat.EUROPE);
    assertThat(TextFormat.of(Locale.FRANCE)).isEqualTo(new TextFormat(',', ' ', TextFormat.DateOrder.DMY));
    assertThat(TextFormat.of(Locale.JAPAN).dateOrder()).isEqualTo(TextFormat.DateOrder.YMD);
  }

  @Test
  void textFormat_namedFormatsRoundTripThroughTheirNames() {
    for (TextFormat format : List.of(TextFormat.ISO, TextFormat.US, TextFormat.UK, TextFormat.EUROPE)) {
      assertThat(TextFormat.named(format.name().orElseThrow().toLowerCase(Locale.ROOT))).contains(format);
    }
    assertThat(TextFormat.of(Locale.FRANCE).name()).isEmpty();
    assertThat(TextFormat.named("klingon")).isEmpty();
    assertThat(TextFormat.named(null)).isEmpty();
  }

  @Test
  void textFormat_rejectsAmbiguousSeparators() {
    assertThatThrownBy(() -> new TextFormat('.', '.', TextFormat.DateOrder.YMD)).hasMessageContaining("must differ");
  }
}
