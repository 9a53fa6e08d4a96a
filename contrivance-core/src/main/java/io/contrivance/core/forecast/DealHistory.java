package io.contrivance.core.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one deal looked like over time: its versions in the order they were made, each dated. The
 * server builds it from the audit log; an embedder from wherever it keeps history.
 *
 * @param dealId the row id
 * @param versions the deal as it was from each date on; an empty deal means it was deleted then.
 *     Sorted by date, keeping the given order within a day (the last of a day is how the day ended).
 */
public record DealHistory(String dealId, List<Version> versions) {

  /** The deal as it was from {@code on}, or deleted ({@code deal} empty). */
  public record Version(LocalDate on, Optional<Deal> deal) {
    public Version {
      Objects.requireNonNull(on, "on");
      Objects.requireNonNull(deal, "deal");
    }
  }

  public DealHistory {
    Objects.requireNonNull(dealId, "dealId");
    var sorted = new ArrayList<>(versions);
    sorted.sort(Comparator.comparing(Version::on)); // stable: same-day versions keep their order
    versions = List.copyOf(sorted);
  }

  /** A deal that has always been as it is now, since {@code on}. */
  public static DealHistory of(LocalDate on, Deal deal) {
    return new DealHistory(deal.id(), List.of(new Version(on, Optional.of(deal))));
  }

  /** The deal as it was at the end of {@code date}; empty before it existed or once deleted. */
  public Optional<Deal> asOf(LocalDate date) {
    Optional<Deal> result = Optional.empty();
    for (Version version : versions) {
      if (version.on().isAfter(date)) {
        break;
      }
      result = version.deal();
    }
    return result;
  }

  /** The deal as it is now (after its last version). */
  public Optional<Deal> current() {
    return versions.isEmpty() ? Optional.empty() : versions.get(versions.size() - 1).deal();
  }

  /** Every deal as it was at the end of {@code date}: "the pipeline as of" that day. */
  public static List<Deal> asOf(List<DealHistory> histories, LocalDate date) {
    var deals = new ArrayList<Deal>(histories.size());
    for (DealHistory history : histories) {
      history.asOf(date).ifPresent(deals::add);
    }
    return deals;
  }

  /** Every deal as it is now. */
  public static List<Deal> current(List<DealHistory> histories) {
    var deals = new ArrayList<Deal>(histories.size());
    for (DealHistory history : histories) {
      history.current().ifPresent(deals::add);
    }
    return deals;
  }
}
