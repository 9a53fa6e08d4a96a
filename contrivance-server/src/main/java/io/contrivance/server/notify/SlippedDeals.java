package io.contrivance.server.notify;

import io.contrivance.core.Sheet;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ValueKind;
import io.contrivance.server.bootstrap.Settings;
import io.contrivance.server.job.JobContext;
import io.contrivance.server.job.JobHandler;
import io.contrivance.server.sheet.Collaborators;
import io.contrivance.server.sheet.SheetDirectory;
import io.contrivance.server.sheet.Sheets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a day: every open deal (its stage not Closed-…) whose expected close date has passed tells
 * its owner, once per close date (a deal moved to a later date and slipping again tells again).
 */
@ApplicationScoped
public class SlippedDeals implements JobHandler {

  private static final Logger LOG = Logger.getLogger(SlippedDeals.class.getName());
  private static final int PAGE = 2_000;

  @Inject SheetDirectory directory;
  @Inject Sheets sheets;
  @Inject Collaborators collaborators;
  @Inject Notifications notifications;
  @Inject Settings settings;
  @Inject Clock clock;

  @Override
  public String kind() {
    return "notify.slipped";
  }

  @Override
  public Optional<Duration> every() {
    return Optional.of(settings.dealCheckPeriod());
  }

  @Override
  public void run(JobContext context) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (String id : directory.allIds()) {
      try {
        sheets.workbook().open(SheetId.of(id)).ifPresent(sheet -> check(sheet, today));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not check sheet " + id + " for slipped deals", e);
      }
    }
  }

  private void check(Sheet sheet, LocalDate today) {
    SheetSchema schema = sheet.schema();
    Optional<Column> owner = DealWatch.find(schema, "owner", "owner");
    Optional<Column> stage = DealWatch.find(schema, "stage", "stage");
    Optional<Column> close =
        schema.columns().stream()
            .filter(c -> c.type().kind() == ValueKind.DATE && (c.id().value().equals("expected_close") || c.name().toLowerCase(Locale.ROOT).contains("close")))
            .findFirst();
    if (owner.isEmpty() || close.isEmpty()) {
      return;
    }
    DealWatch.People people = new DealWatch.People(collaborators.of(schema.id().value()));
    Optional<Column> label = DealWatch.label(schema);
    long after = Long.MIN_VALUE;
    while (true) {
      List<Row> rows = sheet.rows(after, PAGE);
      for (Row row : rows) {
        if (!(row.cell(close.get().id()) instanceof CellValue.Date date) || !date.value().isBefore(today)) {
          continue;
        }
        String stageName = stage.map(c -> DealWatch.text(row, c.id())).orElse("");
        if (stageName.toLowerCase(Locale.ROOT).startsWith("closed")) {
          continue;
        }
        Optional<Collaborators.Collaborator> person = people.named(DealWatch.text(row, owner.get().id()));
        if (person.isEmpty()) {
          continue;
        }
        String deal = label.map(c -> DealWatch.text(row, c.id())).filter(s -> !s.isBlank()).orElse("A deal");
        notifications.tell(
            new Notifications.Notice(
                person.get().userId(),
                Category.DEAL_SLIPPED,
                deal + " is past its close date",
                deal + " was expected to close on " + date.value() + (stageName.isBlank() ? "" : " and is still at " + stageName) + " in “" + schema.name() + "”.",
                DealWatch.link(schema.id().value()),
                schema.id().value(),
                null,
                "slipped:" + row.id().value() + ":" + date.value()));
      }
      if (rows.size() < PAGE) {
        return;
      }
      after = rows.get(rows.size() - 1).position();
    }
  }
}
