package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How long open deals have sat in their stage, and which are stale: in their stage for longer than
 * the limit, or still open after their expected close date.
 *
 * @param deals every open deal, oldest in its stage first
 * @param stages per open stage in pipeline order: how many deals sit there and for how long on average
 * @param staleAfterDays the limit used
 * @param excluded open deals whose stage is unknown to the stage model
 */
public record Aging(List<Entry> deals, List<StageAge> stages, int staleAfterDays, List<Forecast.Excluded> excluded) {

  /**
   * One open deal's age in its stage.
   *
   * @param since the day it entered its current stage (its first version in the stage's latest run)
   * @param days days from {@code since} to today
   * @param staleBecause why it is stale; empty when it is not
   */
  public record Entry(String dealId, String stage, LocalDate since, long days, Optional<LocalDate> expectedClose, List<String> staleBecause) {
    public Entry {
      Objects.requireNonNull(expectedClose, "expectedClose");
      staleBecause = List.copyOf(staleBecause);
    }

    public boolean stale() {
      return !staleBecause.isEmpty();
    }
  }

  /** The open deals of one stage: how many, their mean days in it, and the longest. */
  public record StageAge(String stage, int deals, Optional<BigDecimal> averageDays, long maxDays) {}

  public Aging {
    deals = List.copyOf(deals);
    stages = List.copyOf(stages);
    excluded = List.copyOf(excluded);
  }

  /** The stale ones among {@link #deals()}. */
  public List<Entry> stale() {
    return deals.stream().filter(Entry::stale).toList();
  }

  /**
   * The aging of the open deals on {@code today}.
   *
   * @param staleAfterDays how many days in one stage make a deal stale (at least 1)
   */
  public static Aging of(List<DealHistory> histories, StageModel model, LocalDate today, int staleAfterDays) {
    if (staleAfterDays < 1) {
      throw new IllegalArgumentException("a deal goes stale after at least one day, got " + staleAfterDays);
    }
    var entries = new ArrayList<Entry>();
    var excluded = new ArrayList<Forecast.Excluded>();
    for (DealHistory history : histories) {
      Optional<Deal> now = history.current();
      if (now.isEmpty() || now.get().stage().isEmpty()) {
        continue;
      }
      Optional<Stage> stage = model.stage(now.get().stage().get());
      if (stage.isEmpty()) {
        excluded.add(new Forecast.Excluded(history.dealId(), Progress.problem(history)));
        continue;
      }
      if (stage.get().outcome() != Stage.Outcome.OPEN) {
        continue;
      }
      LocalDate since = enteredCurrentStage(history, stage.get());
      long days = Math.max(0, ChronoUnit.DAYS.between(since, today));
      var reasons = new ArrayList<String>();
      if (days > staleAfterDays) {
        reasons.add("in " + stage.get().name() + " for " + days + " days (more than " + staleAfterDays + ")");
      }
      Optional<LocalDate> close = now.get().expectedClose();
      if (close.isPresent() && close.get().isBefore(today)) {
        reasons.add("expected to close on " + close.get() + ", still open");
      }
      entries.add(new Entry(history.dealId(), stage.get().name(), since, days, close, reasons));
    }
    entries.sort((a, b) -> Long.compare(b.days(), a.days()));
    var stages = new ArrayList<StageAge>();
    for (Stage open : model.openStages()) {
      long total = 0;
      long max = 0;
      int count = 0;
      for (Entry entry : entries) {
        if (entry.stage().equals(open.name())) {
          total += entry.days();
          max = Math.max(max, entry.days());
          count++;
        }
      }
      stages.add(new StageAge(open.name(), count, Funnel.ratio(total, count), max));
    }
    return new Aging(entries, stages, staleAfterDays, excluded);
  }

  private static LocalDate enteredCurrentStage(DealHistory history, Stage stage) {
    List<DealHistory.Version> versions = history.versions();
    LocalDate since = versions.get(versions.size() - 1).on();
    for (int i = versions.size() - 1; i >= 0; i--) {
      Optional<Deal> deal = versions.get(i).deal();
      if (deal.isEmpty() || deal.get().stage().isEmpty() || !stage.name().equalsIgnoreCase(deal.get().stage().get().strip())) {
        break;
      }
      since = versions.get(i).on();
    }
    return since;
  }
}
