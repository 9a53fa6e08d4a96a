package io.contrivance.server.notify;

import io.contrivance.core.Sheet;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ValueKind;
import io.contrivance.server.sheet.Collaborators;
import io.contrivance.server.sheet.SheetChanged;
import io.contrivance.server.sheet.SheetShared;
import io.contrivance.server.sheet.Sheets;
import io.contrivance.server.user.Accounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what happens to sheets into notifications for the people concerned: a share, a deal
 * assigned to someone, a stage change of someone's deal, a mention. Deal columns are found as the
 * forecast finds them (the sales template's ids, or columns named Owner and Stage); the Owner cell
 * names a person by email or by name, and only people the sheet is shared with (or its owner) are
 * recognised. Nobody is told of their own edits.
 */
@ApplicationScoped
public class DealWatch {

  private static final Logger LOG = Logger.getLogger(DealWatch.class.getName());

  /** {@code @ada@example.com}, {@code @Ada}, {@code @AdaLovelace}: an email address or a name without spaces. */
  static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|[\\p{L}\\p{N}_.-]*[\\p{L}\\p{N}_])");

  @Inject Notifications notifications;
  @Inject Collaborators collaborators;
  @Inject Sheets sheets;
  @Inject Accounts accounts;

  void shared(@Observes SheetShared shared) {
    String actor = accounts.name(shared.actorId()).orElse("Someone");
    notifications.tell(
        new Notifications.Notice(
            shared.userId(),
            Category.SHARING,
            actor + " shared “" + shared.sheetName() + "” with you",
            "You can " + ("editor".equals(shared.role()) ? "view and edit" : "view") + " the sheet “" + shared.sheetName() + "” now.",
            link(shared.sheetId()),
            shared.sheetId(),
            shared.actorId(),
            null));
  }

  void changed(@ObservesAsync SheetChanged changed) {
    try {
      watch(changed);
    } catch (RuntimeException e) {
      // A deleted sheet, a database away: the edit stands, a notification is missed.
      LOG.log(Level.WARNING, "could not check sheet " + changed.sheet().value() + " for notifications", e);
    }
  }

  private void watch(SheetChanged changed) {
    List<SheetEvent.RowUpdated> updates = new ArrayList<>();
    List<Row> added = new ArrayList<>();
    String author = null;
    for (SheetEvent event : changed.events()) {
      if (event instanceof SheetEvent.RowUpdated one) {
        updates.add(one);
      } else if (event instanceof SheetEvent.RowsUpdated many) {
        updates.addAll(many.updates());
      } else if (event instanceof SheetEvent.RowsAdded rows) {
        added.addAll(rows.rows());
        author = rows.origin().author();
      }
    }
    if (updates.isEmpty() && added.isEmpty()) {
      return;
    }
    Optional<Sheet> sheet = sheets.workbook().open(changed.sheet());
    if (sheet.isEmpty()) {
      return;
    }
    SheetSchema schema = sheet.get().schema();
    Optional<Column> owner = find(schema, "owner", "owner");
    Optional<Column> stage = find(schema, "stage", "stage");
    Optional<Column> label = label(schema);
    List<Column> texts = schema.columns().stream().filter(c -> c.type().kind() == ValueKind.TEXT).toList();
    // Most edits concern nobody: only those that set an owner, move a stage or write an @ read who is on the sheet.
    People[] people = new People[1];
    Supplier<People> lazyPeople = () -> people[0] != null ? people[0] : (people[0] = new People(collaborators.of(schema.id().value())));
    // One name lookup per author, not per row: an import adds a thousand rows an event.
    Map<String, String> actors = new HashMap<>();
    Function<String, String> actor = a -> a == null ? "Someone" : actors.computeIfAbsent(a, id -> accounts.name(id).orElse("Someone"));
    for (SheetEvent.RowUpdated update : updates) {
      if (concerns(update.before(), update.after(), owner, stage, texts)) {
        deal(schema, update.before(), update.after(), update.origin().author(), actor, owner, stage, label, texts, lazyPeople.get());
      }
    }
    for (Row row : added) {
      if (concerns(null, row, owner, stage, texts)) {
        deal(schema, null, row, author, actor, owner, stage, label, texts, lazyPeople.get());
      }
    }
  }

  /** Whether a change could tell anyone anything: an Owner or Stage cell changed, or a text cell now holds an @. */
  private static boolean concerns(Row before, Row after, Optional<Column> owner, Optional<Column> stage, List<Column> texts) {
    for (Optional<Column> column : List.of(owner, stage)) {
      if (column.isPresent() && !text(after, column.get().id()).equals(before == null ? "" : text(before, column.get().id()))) {
        return true;
      }
    }
    for (Column column : texts) {
      String now = text(after, column.id());
      if (now.indexOf('@') >= 0 && !now.equals(before == null ? "" : text(before, column.id()))) {
        return true;
      }
    }
    return false;
  }

  private void deal(
      SheetSchema schema, Row before, Row after, String author, Function<String, String> actorName, Optional<Column> owner, Optional<Column> stage, Optional<Column> label, List<Column> texts, People people) {
    String sheetId = schema.id().value();
    String deal = label.map(c -> text(after, c.id())).filter(s -> !s.isBlank()).orElse("a deal");
    String actor = actorName.apply(author);
    Optional<Collaborators.Collaborator> dealOwner = owner.flatMap(c -> people.named(text(after, c.id())));
    if (owner.isPresent()) {
      String was = before == null ? "" : text(before, owner.get().id());
      String now = text(after, owner.get().id());
      if (!now.isBlank() && !now.equalsIgnoreCase(was) && dealOwner.isPresent() && !dealOwner.get().userId().equals(author)) {
        notifications.tell(
            new Notifications.Notice(
                dealOwner.get().userId(), Category.ASSIGNMENT, actor + " assigned " + deal + " to you", "In “" + schema.name() + "”.", link(sheetId), sheetId, author, null));
      }
    }
    if (stage.isPresent() && before != null && dealOwner.isPresent() && !dealOwner.get().userId().equals(author)) {
      String was = text(before, stage.get().id());
      String now = text(after, stage.get().id());
      if (!now.equals(was) && !now.isBlank()) {
        notifications.tell(
            new Notifications.Notice(
                dealOwner.get().userId(),
                Category.DEAL_STAGE,
                deal + " moved to " + now,
                actor + " moved your deal " + deal + (was.isBlank() ? "" : " from " + was) + " to " + now + " in “" + schema.name() + "”.",
                link(sheetId),
                sheetId,
                author,
                null));
      }
    }
    Set<String> told = new HashSet<>();
    for (Column column : texts) {
      Set<String> earlier = before == null ? Set.of() : mentioned(text(before, column.id()), people);
      for (String userId : mentioned(text(after, column.id()), people)) {
        if (!earlier.contains(userId) && !userId.equals(author) && told.add(userId)) {
          String cell = text(after, column.id());
          notifications.tell(
              new Notifications.Notice(
                  userId, Category.MENTION, actor + " mentioned you on " + deal, "“" + (cell.length() > 200 ? cell.substring(0, 199) + "…" : cell) + "” — " + column.name() + " in “" + schema.name() + "”.", link(sheetId), sheetId, author, null));
        }
      }
    }
  }

  /** The users mentioned in the text, among the sheet's people. */
  static Set<String> mentioned(String text, People people) {
    Set<String> users = new HashSet<>();
    if (text.indexOf('@') < 0) {
      return users;
    }
    Matcher m = MENTION.matcher(text);
    while (m.find()) {
      people.handle(m.group(1)).ifPresent(p -> users.add(p.userId()));
    }
    return users;
  }

  /** A sheet's owner and collaborators, recognised by email or name. */
  record People(List<Collaborators.Collaborator> all) {

    /** Whoever the Owner cell names: their email or their full name, ignoring case. */
    Optional<Collaborators.Collaborator> named(String text) {
      String wanted = text.strip();
      if (wanted.isEmpty()) {
        return Optional.empty();
      }
      return all.stream().filter(p -> p.email().equalsIgnoreCase(wanted) || p.name().strip().equalsIgnoreCase(wanted)).findFirst();
    }

    /** Whoever a mention names: their email, their name without spaces, or their first name if no one else has it. */
    Optional<Collaborators.Collaborator> handle(String handle) {
      String wanted = handle.toLowerCase(Locale.ROOT);
      for (Collaborators.Collaborator p : all) {
        if (p.email().equalsIgnoreCase(wanted) || p.name().replaceAll("\\s+", "").toLowerCase(Locale.ROOT).equals(wanted)) {
          return Optional.of(p);
        }
      }
      List<Collaborators.Collaborator> byFirstName = all.stream().filter(p -> p.name().strip().split("\\s+")[0].toLowerCase(Locale.ROOT).equals(wanted)).toList();
      return byFirstName.size() == 1 ? Optional.of(byFirstName.get(0)) : Optional.empty();
    }
  }

  /** The column that names a deal: Company, or the first text column. */
  static Optional<Column> label(SheetSchema schema) {
    return find(schema, "company", "company").or(() -> schema.columns().stream().filter(c -> c.type().kind() == ValueKind.TEXT).findFirst());
  }

  static Optional<Column> find(SheetSchema schema, String id, String nameContains) {
    return schema.columns().stream()
        .filter(c -> c.id().value().equals(id))
        .findFirst()
        .or(() -> schema.columns().stream().filter(c -> c.name().toLowerCase(Locale.ROOT).contains(nameContains)).findFirst());
  }

  static String text(Row row, ColumnId column) {
    CellValue value = row.cell(column);
    if (value instanceof CellValue.Text text) {
      return text.value();
    } else if (value instanceof CellValue.Choice choice) {
      return choice.option();
    }
    return "";
  }

  static String link(String sheetId) {
    return "/#/sheets/" + sheetId;
  }
}
