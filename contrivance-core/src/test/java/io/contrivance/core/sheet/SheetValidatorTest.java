package io.contrivance.core.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.TextFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SheetValidatorTest {

  private static final SheetSchema PIPELINE = SheetSchema.of(SheetId.of("p"), "Pipeline", Templates.salesPipeline());
  private static final SheetValidator VALIDATOR = SheetValidator.of(PIPELINE);

  /** A row of the pipeline from text, parsed the way a person would type it. */
  static Row row(String id, Map<String, String> text) {
    var cells = new HashMap<ColumnId, CellValue>();
    text.forEach(
        (name, value) -> {
          Column column = PIPELINE.resolve(name).orElseThrow();
          cells.put(column.id(), column.type().parse(value, TextFormat.ISO).orElseThrow());
        });
    return Row.of(RowId.of(id), 0, cells);
  }

  static List<String> codes(List<Violation> violations) {
    return violations.stream().map(v -> v.column() + ":" + v.code()).toList();
  }

  @Test
  void validRow_hasNoViolations() {
    Row ok = row("r1", Map.of("Company", "Acme", "Stage", "Proposal", "Deal Value", "$5,000", "Expected Close", "2026-06-30"));
    assertThat(VALIDATOR.validateRow(ok)).isEmpty();
  }

  @Test
  void blankRequiredCells_areReported() {
    assertThat(codes(VALIDATOR.validateRow(row("r1", Map.of())))).containsExactly("company:required", "stage:required");
  }

  @Test
  void negativeDealValue_breaksTheMinimum() {
    List<Violation> violations = VALIDATOR.validateRow(row("r1", Map.of("Company", "Acme", "Stage", "Lead", "Deal Value", "-5")));
    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo("min");
      assertThat(v.column()).isEqualTo(Templates.DEAL_VALUE);
      assertThat(v.row()).isEqualTo(RowId.of("r1"));
      assertThat(v.message()).isEqualTo("Deal Value must be at least $0.00");
    });
  }

  @Test
  void probability_mustBeBetweenZeroAndHundredPercent() {
    var violations = VALIDATOR.validateRow(row("r1", Map.of("Company", "A", "Stage", "Lead", "Probability", "120%")));
    assertThat(codes(violations)).containsExactly("probability:max");
    assertThat(violations.get(0).message()).contains("at most 100%");
  }

  @Test
  void expectedClose_isRequiredFromProposalOn() {
    assertThat(VALIDATOR.validateRow(row("r1", Map.of("Company", "A", "Stage", "Qualified")))).isEmpty();
    List<Violation> violations = VALIDATOR.validateRow(row("r1", Map.of("Company", "A", "Stage", "Negotiation")));
    assertThat(codes(violations)).containsExactly("expected_close:required");
    assertThat(violations.get(0).message()).isEqualTo("Expected Close is required when Stage is at least Proposal");
  }

  @Test
  void valuesOfTheWrongKindOrStaleOptions_areReported() {
    Row wrong =
        Row.of(
            RowId.of("r1"),
            0,
            Map.of(
                Templates.COMPANY, CellValue.decimal("5"),
                Templates.STAGE, new CellValue.Choice("Prospect"),
                Templates.EMAIL, new CellValue.Text("nope"),
                ColumnId.of("ghost"), new CellValue.Text("boo")));
    assertThat(codes(VALIDATOR.validateRow(wrong)))
        .containsExactlyInAnyOrder("company:type_mismatch", "stage:not_an_option", "email:invalid_email", "ghost:unknown_column");
  }

  @Test
  void validateCell_checksTypeAndOwnRulesOnly() {
    assertThat(VALIDATOR.validateCell(RowId.of("r"), Templates.DEAL_VALUE, CellValue.money("-1", "USD"))).extracting(Violation::code).containsExactly("min");
    assertThat(VALIDATOR.validateCell(RowId.of("r"), Templates.EXPECTED_CLOSE, CellValue.BLANK)).isEmpty();
    assertThat(VALIDATOR.validateCell(RowId.of("r"), ColumnId.of("nope"), CellValue.BLANK)).extracting(Violation::code).containsExactly("unknown_column");
  }

  @Test
  void lengthAndPattern_areChecked() {
    Column code =
        Column.builder("Code", ColumnTypes.text()).rule(Rule.minLength(2)).rule(Rule.maxLength(4)).rule(Rule.pattern("[A-Z]+")).build();
    SheetValidator v = SheetValidator.of(SheetSchema.of(SheetId.of("s"), "S", List.of(code)));
    assertThat(v.validateCell(RowId.of("r"), code.id(), new CellValue.Text("AB"))).isEmpty();
    assertThat(v.validateCell(RowId.of("r"), code.id(), new CellValue.Text("A"))).extracting(Violation::code).containsExactly("min_length");
    assertThat(v.validateCell(RowId.of("r"), code.id(), new CellValue.Text("abcde"))).extracting(Violation::code).containsExactly("max_length", "pattern");
    // Length counts characters, not UTF-16 units.
    Column emoji = Column.builder("E", ColumnTypes.text()).rule(Rule.maxLength(2)).build();
    SheetValidator e = SheetValidator.of(SheetSchema.of(SheetId.of("s"), "S", List.of(emoji)));
    assertThat(e.validateCell(RowId.of("r"), emoji.id(), new CellValue.Text("😀😀"))).isEmpty();
  }

  @Test
  void catastrophicPatterns_areCutShortNotHung() {
    // JDK 17 defuses the textbook (a+)+$ but not this one: unbounded, 28 a's take seconds and 40 take hours.
    Column evil = Column.builder("Evil", ColumnTypes.longText()).rule(Rule.pattern("(.*a){12}")).build();
    SheetValidator v = SheetValidator.of(SheetSchema.of(SheetId.of("s"), "S", List.of(evil)));
    long start = System.nanoTime();
    List<Violation> violations = v.validateCell(RowId.of("r"), evil.id(), new CellValue.Text("a".repeat(40) + "!"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(violations).singleElement().satisfies(x -> {
      assertThat(x.code()).isEqualTo("pattern");
      assertThat(x.message()).contains("too complex");
    });
    // Not a timing assertion on the engine: without the budget this input takes hours, so even a slow machine passes.
    assertThat(took).isLessThan(Duration.ofSeconds(30));
    assertThat(v.validateCell(RowId.of("r"), evil.id(), new CellValue.Text("a".repeat(20_000)))).singleElement()
        .satisfies(x -> assertThat(x.message()).contains("too long to check"));
  }

  @Test
  void unique_reportsEveryLaterDuplicateCaseInsensitively() {
    Column email = Column.builder("Email", ColumnTypes.email()).rule(Rule.unique()).build();
    SheetValidator v = SheetValidator.of(SheetSchema.of(SheetId.of("s"), "S", List.of(email)));
    List<Row> rows =
        List.of(
            Row.of(RowId.of("a"), 1, Map.of(email.id(), new CellValue.Text("Ada@example.com"))),
            Row.of(RowId.of("b"), 2, Map.of(email.id(), new CellValue.Text("bob@example.com"))),
            Row.of(RowId.of("c"), 3, Map.of(email.id(), new CellValue.Text("ada@example.com"))),
            Row.of(RowId.of("d"), 4, Map.of()),
            Row.of(RowId.of("e"), 5, Map.of()));
    ValidationReport report = v.validate(rows);
    assertThat(report.rowsChecked()).isEqualTo(5);
    assertThat(report.violations()).singleElement().satisfies(x -> {
      assertThat(x.row()).isEqualTo(RowId.of("c"));
      assertThat(x.message()).contains("already in row a");
    });
  }

  @Test
  void wholeSheet_reportsInRowThenColumnOrder() {
    var rows = new ArrayList<Row>();
    rows.add(row("r1", Map.of("Stage", "Lead")));
    rows.add(row("r2", Map.of("Company", "B", "Stage", "Won".equals("x") ? "Lead" : "Proposal")));
    rows.add(row("r3", Map.of("Company", "C", "Stage", "Lead", "Deal Value", "-1")));
    ValidationReport report = VALIDATOR.validate(rows);
    assertThat(report.violations()).extracting(x -> x.row() + ":" + x.code())
        .containsExactly("r1:required", "r2:required", "r3:min");
    assertThat(report.forRow(RowId.of("r2"))).hasSize(1);
    assertThat(report.isValid()).isFalse();
  }

  @Test
  void crossFieldConditions_compareByTheirOperator() {
    Column amount = Column.builder("Amount", ColumnTypes.number()).build();
    Column approver = Column.builder("Approver", ColumnTypes.text()).rule(Rule.requiredWhen(Condition.above(amount.id(), "10,000"))).build();
    Column reason = Column.builder("Reason", ColumnTypes.text()).rule(Rule.requiredWhen(Condition.isIn(approver.id(), "CFO", "ceo"))).build();
    Column due = Column.builder("Due", ColumnTypes.date()).build();
    Column note = Column.builder("Note", ColumnTypes.text()).rule(Rule.requiredWhen(Condition.below(due.id(), "2026-01-01"))).build();
    SheetValidator v = SheetValidator.of(SheetSchema.of(SheetId.of("s"), "S", List.of(amount, approver, reason, due, note)));
    assertThat(v.validateRow(Row.of(RowId.of("r"), 0, Map.of(amount.id(), CellValue.decimal("10000"))))).isEmpty();
    assertThat(v.validateRow(Row.of(RowId.of("r"), 0, Map.of(amount.id(), CellValue.decimal("10001")))))
        .extracting(Violation::column).containsExactly(approver.id());
    assertThat(v.validateRow(Row.of(RowId.of("r"), 0, Map.of(approver.id(), new CellValue.Text("CEO")))))
        .extracting(Violation::column).containsExactly(reason.id());
    assertThat(v.validateRow(Row.of(RowId.of("r"), 0, Map.of(due.id(), CellValue.date(LocalDate.of(2025, 12, 31))))))
        .extracting(Violation::column).containsExactly(note.id());
  }
}
