package io.contrivance.example;

import io.contrivance.core.Sheet;
import io.contrivance.core.Workbook;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.Rule;
import io.contrivance.core.sheet.Templates;
import io.contrivance.core.sheet.TypeChange;
import io.contrivance.core.sheet.ValidationReport;
import io.contrivance.core.sheet.Violation;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The example of docs/embedding.md, kept compiling and running by {@code PipelineExampleTest}. It
 * lives outside the core's packages so that it can only use the public API.
 */
public final class PipelineExample {

  public static void main(String[] args) {
    // 1. A workbook keeps sheets; this one in memory (see "Keeping sheets in your database").
    Workbook workbook = Workbook.inMemory();
    Sheet deals = workbook.createFromTemplate(Templates.SALES_PIPELINE, "Q3 deals");

    // 2. Listen to changes (called after each change is stored, in revision order).
    deals.onChange(event -> System.out.println("revision " + event.revision() + ": " + event.getClass().getSimpleName()));

    // 3. Add a row from text, keyed by column name or id, typed as a person would type it.
    Row acme =
        deals.addRow(
                Map.of(
                    "Company", "Acme",
                    "Stage", "proposal",
                    "Deal Value", "$12,500",
                    "Expected Close", "2026-09-30",
                    "Email", "buyer@ACME.example"))
            .value();
    System.out.println(acme.cell(Templates.DEAL_VALUE)); // Money[amount=12500, currency=USD]

    // 4. Bad data is rejected with every violation; nothing is stored.
    EditResult<Row> rejected = deals.addRow(Map.of("Company", "Globex", "Stage", "Won", "Deal Value", "-5"));
    for (Violation v : rejected.violations()) {
      System.out.println(v.column() + " " + v.code() + ": " + v.message());
      // stage not_an_option: Stage: 'Won' is not one of the options (Lead, Qualified, ...)
      // deal_value min: Deal Value must be at least $0.00
    }

    // 5. Optimistic concurrency: an update made against an old version is a conflict.
    EditResult<Row> moved = deals.updateRow(acme.id(), Map.of("Stage", "Negotiation"), OptionalLong.of(acme.version()));
    EditResult<Row> stale = deals.updateRow(acme.id(), Map.of("Stage", "Lead"), OptionalLong.of(acme.version()));
    if (stale instanceof EditResult.Conflict<Row> conflict) {
      System.out.println("someone else changed it; now at version " + conflict.current().version());
    }

    // 6. Your own sheet, with your own rules.
    Sheet contacts =
        workbook.create(
            "Contacts",
            List.of(
                Column.builder("Name", ColumnTypes.text()).required().build(),
                Column.builder("Email", ColumnTypes.email()).rule(Rule.unique()).build(),
                Column.builder("Score", ColumnTypes.text()).build()));
    contacts.addRows(
        List.of(
            Map.of("Name", "Ada", "Email", "ada@example.com", "Score", "90"),
            Map.of("Name", "Grace", "Email", "grace@example.com", "Score", "high")));

    // 7. Changing a column's type converts what it can and reports every cell it cannot.
    TypeChange preview = contacts.previewTypeChange(contacts.schema().resolve("Score").orElseThrow().id(), ColumnTypes.integer());
    System.out.println(preview.converted() + " convert, " + preview.failures().size() + " do not: " + preview.failures());

    // 8. Add a rule later, then validate the whole sheet against it.
    Column score = contacts.schema().resolve("Name").orElseThrow();
    contacts.updateColumn(score.withRules(List.of(Rule.minLength(4))));
    ValidationReport report = contacts.validate();
    System.out.println(report.violations()); // Ada is too short now
    System.out.println(moved.isApplied() + " " + CellValue.BLANK.isBlank());
  }
}
