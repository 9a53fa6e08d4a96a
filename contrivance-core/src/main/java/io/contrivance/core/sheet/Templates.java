package io.contrivance.core.sheet;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import java.util.List;

/** Built-in sheet templates. */
public final class Templates {

  /** The id by which clients ask for the sales pipeline template. */
  public static final String SALES_PIPELINE = "sales_pipeline";

  /** The pipeline stages of the sales template, in order. */
  public static final List<String> STAGES =
      List.of("Lead", "Qualified", "Proposal", "Negotiation", "Closed-Won", "Closed-Lost");

  /** Column ids of the sales pipeline template. */
  public static final ColumnId COMPANY = ColumnId.of("company");
  public static final ColumnId CONTACT = ColumnId.of("contact");
  public static final ColumnId EMAIL = ColumnId.of("email");
  public static final ColumnId DEAL_VALUE = ColumnId.of("deal_value");
  public static final ColumnId STAGE = ColumnId.of("stage");
  public static final ColumnId PROBABILITY = ColumnId.of("probability");
  public static final ColumnId EXPECTED_CLOSE = ColumnId.of("expected_close");
  public static final ColumnId OWNER = ColumnId.of("owner");
  public static final ColumnId NEXT_STEP = ColumnId.of("next_step");
  public static final ColumnId NOTES = ColumnId.of("notes");

  private Templates() {}

  /**
   * The columns of the "Sales pipeline" sheet: Company (required), Contact, Email, Deal Value
   * (currency, at least 0), Stage (Lead to Closed-Lost, required), Probability (0–100 %), Expected
   * Close (required when Stage is Proposal or later), Owner, Next Step and Notes.
   *
   * @param currencyCode the ISO 4217 currency of Deal Value, e.g. {@code USD}
   */
  public static List<Column> salesPipeline(String currencyCode) {
    return List.of(
        Column.builder("Company", ColumnTypes.text()).id(COMPANY.value()).required().build(),
        Column.builder("Contact", ColumnTypes.text()).id(CONTACT.value()).build(),
        Column.builder("Email", ColumnTypes.email()).id(EMAIL.value()).build(),
        Column.builder("Deal Value", ColumnTypes.currency(currencyCode))
            .id(DEAL_VALUE.value())
            .rule(Rule.min(CellValue.decimal("0")))
            .build(),
        Column.builder("Stage", ColumnTypes.select(STAGES)).id(STAGE.value()).required().build(),
        Column.builder("Probability", ColumnTypes.percent())
            .id(PROBABILITY.value())
            .rule(Rule.min(CellValue.percentPoints("0")))
            .rule(Rule.max(CellValue.percentPoints("100")))
            .build(),
        Column.builder("Expected Close", ColumnTypes.date())
            .id(EXPECTED_CLOSE.value())
            .rule(Rule.requiredWhen(Condition.atLeast(STAGE, "Proposal")))
            .build(),
        Column.builder("Owner", ColumnTypes.text()).id(OWNER.value()).build(),
        Column.builder("Next Step", ColumnTypes.text()).id(NEXT_STEP.value()).build(),
        Column.builder("Notes", ColumnTypes.longText()).id(NOTES.value()).build());
  }

  /** The sales pipeline template in US dollars. */
  public static List<Column> salesPipeline() {
    return salesPipeline("USD");
  }
}
