package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a period's open pipeline changed between two days: what it was on {@code from}, each kind of
 * change, and what it was on {@code to}. The open pipeline of a period on a day is the open deals
 * expected to close in it, counted as in {@link Forecaster} (raw amounts).
 *
 * <p>The bars always add up: start + new + pulled in + increased − decreased − won − lost − slipped
 * − removed = end. For each deal, from how it was on {@code from} to how it is on {@code to}:
 *
 * <ul>
 *   <li>in the pipeline on both days: the amount's change is <b>increased</b> or <b>decreased</b>;
 *   <li>in it only on {@code from}: an amount change first (as above), then out at its new amount as
 *       <b>won</b> or <b>lost</b> (by its stage), <b>slipped</b> (close date moved after the period)
 *       or <b>removed</b> (deleted, or no longer countable or expected in the period) — a deleted
 *       deal leaves at its old amount;
 *   <li>in it only on {@code to}: <b>pulled in</b> if it existed on {@code from} expected after the
 *       period, else <b>new</b>;
 *   <li>in it on neither day but won or lost in the period since: in as new (or pulled in) and out
 *       as won (or lost), so deals that came and closed within the window show.
 * </ul>
 *
 * @param start the open pipeline on {@code from}
 * @param changes each kind of change as a positive total (its sign is {@link Change#adds()})
 * @param end the open pipeline on {@code to}
 */
public record Waterfall(Period period, LocalDate from, LocalDate to, Currency currency, Total start, Map<Change, Total> changes, Total end) {

  /** A kind of change, in the order the bars are drawn. */
  public enum Change {
    NEW(true),
    PULLED_IN(true),
    INCREASED(true),
    DECREASED(false),
    WON(false),
    LOST(false),
    SLIPPED(false),
    REMOVED(false);

    private final boolean adds;

    Change(boolean adds) {
      this.adds = adds;
    }

    /** Whether this change adds to the pipeline (else it takes away). */
    public boolean adds() {
      return adds;
    }
  }

  /** One deal's part in a bar (a positive amount). */
  public record Move(String dealId, BigDecimal amount) {}

  /** A bar: its positive total and the deals behind it. */
  public record Total(BigDecimal amount, List<Move> moves) {
    public Total {
      Objects.requireNonNull(amount, "amount");
      moves = List.copyOf(moves);
    }

    static Total of(List<Move> moves) {
      BigDecimal sum = BigDecimal.ZERO;
      for (Move move : moves) {
        sum = sum.add(move.amount());
      }
      return new Total(sum.stripTrailingZeros(), moves);
    }
  }

  public Waterfall {
    Objects.requireNonNull(period, "period");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("a waterfall runs forward in time: " + from + " to " + to);
    }
    changes = Map.copyOf(changes);
  }

  /** The waterfall of {@code period}'s open pipeline from the end of {@code from} to the end of {@code to}. */
  public static Waterfall of(List<DealHistory> histories, StageModel model, Period period, Currency currency, LocalDate from, LocalDate to) {
    var start = new ArrayList<Move>();
    var end = new ArrayList<Move>();
    var moves = new EnumMap<Change, List<Move>>(Change.class);
    for (Change change : Change.values()) {
      moves.put(change, new ArrayList<>());
    }
    for (DealHistory history : histories) {
      Optional<Deal> before = history.asOf(from).filter(d -> Forecaster.problem(d, model, currency).isEmpty());
      Optional<Deal> after = history.asOf(to).filter(d -> Forecaster.problem(d, model, currency).isEmpty());
      boolean wasIn = before.filter(d -> openIn(d, model, period)).isPresent();
      boolean isIn = after.filter(d -> openIn(d, model, period)).isPresent();
      String id = history.dealId();
      if (wasIn) {
        start.add(new Move(id, before.get().amount().get()));
      }
      if (isIn) {
        end.add(new Move(id, after.get().amount().get()));
      }
      if (wasIn && isIn) {
        amountChange(id, before.get(), after.get(), moves);
      } else if (wasIn) {
        if (after.isEmpty()) {
          moves.get(Change.REMOVED).add(new Move(id, before.get().amount().get()));
        } else {
          amountChange(id, before.get(), after.get(), moves);
          moves.get(leaving(after.get(), model, period)).add(new Move(id, after.get().amount().get()));
        }
      } else {
        Optional<Stage.Outcome> closedIn = after.filter(d -> period.contains(d.expectedClose().get())).map(d -> outcome(d, model));
        boolean closedSince = closedIn.isPresent() && closedIn.get() != Stage.Outcome.OPEN && (before.isEmpty() || outcome(before.get(), model) == Stage.Outcome.OPEN);
        if (isIn || closedSince) {
          boolean pulledIn = before.isPresent() && before.get().expectedClose().get().isAfter(period.end().minusDays(1));
          moves.get(pulledIn ? Change.PULLED_IN : Change.NEW).add(new Move(id, after.get().amount().get()));
        }
        if (closedSince) {
          moves.get(closedIn.get() == Stage.Outcome.WON ? Change.WON : Change.LOST).add(new Move(id, after.get().amount().get()));
        }
      }
    }
    Map<Change, Total> changes = new EnumMap<>(Change.class);
    moves.forEach((change, list) -> changes.put(change, Total.of(list)));
    return new Waterfall(period, from, to, currency, Total.of(start), changes, Total.of(end));
  }

  private static boolean openIn(Deal deal, StageModel model, Period period) {
    return outcome(deal, model) == Stage.Outcome.OPEN && period.contains(deal.expectedClose().get());
  }

  private static Stage.Outcome outcome(Deal deal, StageModel model) {
    return model.stage(deal.stage().get()).get().outcome();
  }

  private static Change leaving(Deal after, StageModel model, Period period) {
    return switch (outcome(after, model)) {
      case WON -> Change.WON;
      case LOST -> Change.LOST;
      case OPEN -> after.expectedClose().get().isBefore(period.end()) ? Change.REMOVED : Change.SLIPPED;
    };
  }

  private static void amountChange(String id, Deal before, Deal after, Map<Change, List<Move>> moves) {
    BigDecimal delta = after.amount().get().subtract(before.amount().get());
    if (delta.signum() > 0) {
      moves.get(Change.INCREASED).add(new Move(id, delta));
    } else if (delta.signum() < 0) {
      moves.get(Change.DECREASED).add(new Move(id, delta.negate()));
    }
  }
}
