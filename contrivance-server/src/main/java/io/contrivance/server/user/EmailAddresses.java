package io.contrivance.server.user;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import java.util.Locale;
import java.util.Optional;

/** Account emails: checked with the core's email type, then lower-cased so that sign-in ignores case. */
public final class EmailAddresses {

  private EmailAddresses() {}

  /** The normalized address, or empty if the text is not an email address. */
  public static Optional<String> normalize(String text) {
    if (text == null) {
      return Optional.empty();
    }
    ParseResult parsed = ColumnTypes.email().parse(text, TextFormat.ISO);
    if (parsed instanceof ParseResult.Valid valid && valid.value() instanceof CellValue.Text email) {
      return Optional.of(email.value().toLowerCase(Locale.ROOT));
    }
    return Optional.empty();
  }
}
