package io.contrivance.core.type;

import static io.contrivance.core.type.Parsing.invalid;
import static io.contrivance.core.type.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactTypesTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ada@example.com | ada@example.com",
        "Ada.Lovelace@EXAMPLE.COM | Ada.Lovelace@example.com",
        "mailto:ada@example.com | ada@example.com",
        "ada+crm@sub.example.co.uk | ada+crm@sub.example.co.uk",
        "josé@bücher.de | josé@bücher.de",
      })
  void email_acceptsAddressesAndLowerCasesTheDomain(String text, String expected) {
    assertThat(valid(ColumnTypes.email(), text)).isEqualTo(new CellValue.Text(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ada", "ada@", "@example.com", "ada@localhost", "ada@@example.com", "ada lovelace@example.com", "ada@exa mple.com", ".ada@example.com", "a..b@example.com", "ada@-example.com"})
  void email_rejectsNonAddresses(String text) {
    assertThat(invalid(ColumnTypes.email(), text).code()).isEqualTo("invalid_email");
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://example.com | https://example.com",
        "example.com/pricing?x=1 | https://example.com/pricing?x=1",
        "http://localhost:8080/a | http://localhost:8080/a",
        "https://bücher.de | https://bücher.de",
      })
  void url_acceptsWebAddresses(String text, String expected) {
    assertThat(valid(ColumnTypes.url(), text)).isEqualTo(new CellValue.Text(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "ftp://example.com", "not a url", "https://", "https://exa mple.com", "http://nodot"})
  void url_rejectsOtherSchemesAndNonAddresses(String text) {
    assertThat(invalid(ColumnTypes.url(), text).code()).isEqualTo("invalid_url");
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1 (555) 123-4567", "555-1234", "+44 20 7946 0958", "030 1234567 ext. 12", "+1 555 123 4567 x89"})
  void phone_acceptsFormattedNumbers(String text) {
    assertThat(valid(ColumnTypes.phone(), text)).isInstanceOf(CellValue.Text.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"call me", "12", "+1 555 123 4567 890 123 45", "555-CALL"})
  void phone_rejectsNonNumbers(String text) {
    assertThat(invalid(ColumnTypes.phone(), text).code()).isEqualTo("invalid_phone");
  }
}
