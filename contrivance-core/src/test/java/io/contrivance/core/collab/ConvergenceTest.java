package io.contrivance.core.collab;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.core.Fixtures;
import io.contrivance.core.Sheet;
import io.contrivance.core.Workbook;
import io.contrivance.core.collab.Replica;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.ConcurrentEdits;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.InvalidDefinitionException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Several simulated clients edit one sheet at random, each against the revision it last saw, while
 * their messages travel with random delays (in order per connection, as over a WebSocket). Whatever
 * the interleaving, once everything is delivered every client's replica equals the sheet, and every
 * operation got exactly one answer.
 */
class ConvergenceTest {

  static final ColumnId NAME = ColumnId.of("name");
  static final ColumnId AMOUNT = ColumnId.of("amount");
  static final ColumnId BUDGET = ColumnId.of("budget");
  static final ColumnId TAGS = ColumnId.of("tags");
  static final List<String> OPTIONS = List.of("hot", "cold", "big", "new");
  static final int RUNS = 2_000;
  static final int STEPS = 120;

  @Test
  void everyReplicaEndsIdenticalToTheSheet() {
    long operations = 0;
    for (long seed = 1; seed <= RUNS; seed++) {
      operations += new Simulation(seed).run();
    }
    assertThat(operations).isGreaterThan(RUNS * 20L);
  }

  /** A message on its way: delivered at or after {@code at}. */
  private record Delivery(long at, Runnable action) {}

  private static final class Client {
    final String user;
    final Replica replica;
    final ArrayDeque<Delivery> toServer = new ArrayDeque<>();
    final ArrayDeque<Delivery> fromServer = new ArrayDeque<>();
    long lastToServer;
    long lastFromServer;

    Client(String user, Replica replica) {
      this.user = user;
      this.replica = replica;
    }
  }

  private static final class Simulation {
    final long seed;
    final Random random;
    final Workbook workbook = Fixtures.workbook();
    final Sheet sheet;
    final List<Client> clients = new ArrayList<>();
    final Set<String> answered = new LinkedHashSet<>();
    long now;
    int issued;

    Simulation(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
      sheet =
          workbook.create(
              "Deals",
              List.of(
                  Column.builder("Name", ColumnTypes.text()).build(),
                  Column.builder("Amount", ColumnTypes.number()).build(),
                  Column.builder("Budget", ColumnTypes.currency("USD")).concurrentEdits(ConcurrentEdits.FLAG_CONFLICT).build(),
                  Column.builder("Tags", ColumnTypes.multiSelect(OPTIONS)).build()));
      for (int i = 0; i < 4; i++) {
        sheet.addRowValues(Map.of(NAME, new CellValue.Text("row " + i)));
      }
      int count = 2 + random.nextInt(3);
      for (int c = 0; c < count; c++) {
        clients.add(new Client("user" + c, new Replica(sheet.schema(), sheet.revision(), sheet.rows())));
      }
      // The server sends every event to every client, in order, each over its own slow connection.
      sheet.onChange(event -> clients.forEach(client -> toClient(client, () -> apply(client, event))));
    }

    int run() {
      for (int step = 0; step < STEPS; step++) {
        now++;
        Client client = clients.get(random.nextInt(clients.size()));
        if (random.nextInt(100) < 35) {
          issue(client);
        } else {
          deliverDue(client);
        }
      }
      // Let everything arrive.
      now = Long.MAX_VALUE;
      boolean moved = true;
      while (moved) {
        moved = false;
        for (Client client : clients) {
          moved |= deliverDue(client);
        }
      }
      for (Client client : clients) {
        assertThat(client.replica.revision()).as("seed %d, %s revision", seed, client.user).isEqualTo(sheet.revision());
        assertThat(client.replica.rows()).as("seed %d, %s rows", seed, client.user).isEqualTo(sheet.rows());
        assertThat(client.replica.schema()).as("seed %d, %s schema", seed, client.user).isEqualTo(sheet.schema());
        assertThat(client.replica.unsettled()).as("seed %d, %s unanswered ops", seed, client.user).isZero();
      }
      assertThat(answered).as("seed %d: every op answered once", seed).hasSize(issued);
      return issued;
    }

    private boolean deliverDue(Client client) {
      boolean any = false;
      if (!client.toServer.isEmpty() && client.toServer.peekFirst().at() <= now) {
        client.toServer.removeFirst().action().run();
        any = true;
      }
      if (!client.fromServer.isEmpty() && client.fromServer.peekFirst().at() <= now) {
        client.fromServer.removeFirst().action().run();
        any = true;
      }
      return any;
    }

    private long delay() {
      return 1 + random.nextInt(12);
    }

    private void toServer(Client client, Runnable action) {
      client.lastToServer = Math.max(client.lastToServer, now == Long.MAX_VALUE ? now : now + delay());
      client.toServer.addLast(new Delivery(client.lastToServer, action));
    }

    private void toClient(Client client, Runnable action) {
      client.lastFromServer = Math.max(client.lastFromServer, now == Long.MAX_VALUE ? now : now + delay());
      client.fromServer.addLast(new Delivery(client.lastFromServer, action));
    }

    private void apply(Client client, SheetEvent event) {
      assertThat(client.replica.apply(event)).as("seed %d: events arrive in order", seed).isEqualTo(Replica.Applied.APPLIED);
    }

    /** The client makes an edit from what it sees and sends it with the revision it has. */
    private void issue(Client client) {
      String opId = client.user + "-" + (++issued);
      long base = client.replica.revision();
      Sheet as = sheet.as(Origin.user(client.user).op(opId, base));
      List<Row> visible = client.replica.rows();
      RowId someRow = visible.isEmpty() ? RowId.of("gone") : visible.get(random.nextInt(visible.size())).id();
      RowId anchor = random.nextInt(5) == 0 || visible.isEmpty() ? null : visible.get(random.nextInt(visible.size())).id();
      int kind = random.nextInt(100);
      if (kind < 8 && visible.size() >= 2) {
        // A paste: cells of two rows in one edit.
        var cells = new java.util.LinkedHashMap<RowId, Map<ColumnId, CellValue>>();
        for (Row row : List.of(visible.get(random.nextInt(visible.size())), visible.get(random.nextInt(visible.size())))) {
          cells.put(row.id(), Map.of(NAME, valueFor(client, row.id(), NAME), AMOUNT, valueFor(client, row.id(), AMOUNT)));
        }
        send(client, opId, () -> as.updateRowsValues(cells));
      } else if (kind < 45) {
        ColumnId column = List.of(NAME, AMOUNT, BUDGET, TAGS).get(random.nextInt(4));
        CellValue value = valueFor(client, someRow, column);
        client.replica.propose(opId, someRow, column, value);
        send(client, opId, () -> as.updateRowValues(someRow, Map.of(column, value), OptionalLong.empty()));
      } else if (kind < 60) {
        send(client, opId, () -> as.insertRowValues(anchor, null, Map.of(NAME, new CellValue.Text(opId))));
      } else if (kind < 70) {
        send(client, opId, () -> as.deleteRow(someRow));
      } else if (kind < 80) {
        send(client, opId, () -> as.moveRowAfter(someRow, anchor));
      } else if (kind < 88) {
        send(client, opId, as::undo);
      } else if (kind < 94) {
        send(client, opId, as::redo);
      } else if (kind < 97) {
        send(client, opId, () -> as.moveRow(someRow, random.nextInt(visible.size() + 1)));
      } else {
        send(client, opId, () -> schemaEdit(as, client));
      }
    }

    private Object schemaEdit(Sheet as, Client client) {
      ColumnId extra = ColumnId.of("extra");
      if (client.replica.schema().column(extra).isEmpty()) {
        return as.addColumn(Column.builder("Extra", ColumnTypes.text()).build());
      }
      if (random.nextBoolean()) {
        return as.renameColumn(extra, "Extra " + random.nextInt(3));
      }
      as.deleteColumn(extra);
      return "deleted";
    }

    private CellValue valueFor(Client client, RowId row, ColumnId column) {
      if (column.equals(TAGS)) {
        Set<String> tags = new LinkedHashSet<>();
        client.replica.visible(row).map(r -> r.cell(TAGS)).filter(v -> v instanceof CellValue.Choices)
            .ifPresent(v -> tags.addAll(((CellValue.Choices) v).options()));
        String option = OPTIONS.get(random.nextInt(OPTIONS.size()));
        if (!tags.remove(option)) {
          tags.add(option);
        }
        return tags.isEmpty() ? CellValue.BLANK : new CellValue.Choices(List.copyOf(tags));
      }
      if (column.equals(NAME)) {
        return random.nextInt(10) == 0 ? CellValue.BLANK : new CellValue.Text(client.user + " " + random.nextInt(100));
      }
      if (column.equals(BUDGET)) {
        return CellValue.money(Integer.toString(random.nextInt(5) * 100), "USD");
      }
      return new CellValue.Decimal(BigDecimal.valueOf(random.nextInt(1000)));
    }

    /** Sends an op; the server's answer (whatever it is) settles it on the client, after the op's own event. */
    private void send(Client client, String opId, java.util.function.Supplier<Object> op) {
      toServer(
          client,
          () -> {
            Object outcome;
            try {
              outcome = op.get();
            } catch (InvalidDefinitionException e) {
              outcome = e; // a schema edit that no longer makes sense: rejected
            }
            assertThat(answered.add(opId)).isTrue();
            Object answer = outcome;
            toClient(client, () -> {
              client.replica.settle(opId);
              assertThat(answer).isNotNull().isNotInstanceOf(Optional.class);
            });
          });
    }
  }
}
