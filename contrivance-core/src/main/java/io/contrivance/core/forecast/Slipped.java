package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deals that slipped out of a period: at some point expected to close in it, and now (as of a day)
 * expected to close after it, whatever their stage.
 *
 * @param period the period they slipped out of
 * @param deals each with the close date it had in the period and the one it has now
 */
public record Slipped(Period period, List<Entry> deals) {

  /** One slipped deal: expected on {@code from} (in the period), now on {@code to} (after it). */
  public record Entry(String dealId, LocalDate from, LocalDate to, Optional<BigDecimal> amount, Optional<String> stage) {}

  public Slipped {
    deals = List.copyOf(deals);
  }

  /** The deals that slipped out of {@code period} by the end of {@code asOf}. */
  public static Slipped of(List<DealHistory> histories, Period period, LocalDate asOf) {
    var entries = new ArrayList<Entry>();
    for (DealHistory history : histories) {
      Optional<Deal> now = history.asOf(asOf);
      if (now.isEmpty() || now.get().expectedClose().isEmpty() || now.get().expectedClose().get().isBefore(period.end())) {
        continue;
      }
      LocalDate from = null;
      for (DealHistory.Version version : history.versions()) {
        if (version.on().isAfter(asOf)) {
          break;
        }
        Optional<LocalDate> close = version.deal().flatMap(Deal::expectedClose);
        if (close.isPresent() && period.contains(close.get())) {
          from = close.get();
        }
      }
      if (from != null) {
        entries.add(new Entry(history.dealId(), from, now.get().expectedClose().get(), now.get().amount(), now.get().stage()));
      }
    }
    return new Slipped(period, entries);
  }
}
