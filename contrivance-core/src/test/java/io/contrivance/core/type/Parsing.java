package io.contrivance.core.type;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions shared by the type tests. */
final class Parsing {

  private Parsing() {}

  static CellValue valid(ColumnType type, String text, TextFormat format) {
    ParseResult result = type.parse(text, format);
    assertThat(result).as("parsing '%s' as %s", text, type).isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid) result).value();
  }

  static CellValue valid(ColumnType type, String text) {
    return valid(type, text, TextFormat.ISO);
  }

  static ParseResult.Invalid invalid(ColumnType type, String text, TextFormat format) {
    ParseResult result = type.parse(text, format);
    assertThat(result).as("parsing '%s' as %s", text, type).isInstanceOf(ParseResult.Invalid.class);
    return (ParseResult.Invalid) result;
  }

  static ParseResult.Invalid invalid(ColumnType type, String text) {
    return invalid(type, text, TextFormat.ISO);
  }
}
