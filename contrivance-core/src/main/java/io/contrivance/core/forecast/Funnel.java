package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stage-to-stage conversion: of the deals that reached a stage, how many went on to the next one
 * (the last open stage goes on to won). A deal has reached a stage when its history shows it there
 * or in a later open stage, or won; a lost deal reached the furthest open stage it was seen in. Deals
 * still open count where they are, so recent stages convert lower until their deals move on.
 *
 * @param steps one per open stage, in pipeline order
 * @param won the deals won
 * @param overall won ÷ deals that reached the first stage; empty when none did
 * @param excluded deals whose stage is missing or unknown to the stage model
 */
public record Funnel(List<Step> steps, List<String> won, Optional<BigDecimal> overall, List<Forecast.Excluded> excluded) {

  /**
   * One stage of the funnel.
   *
   * @param stage the stage's name
   * @param reached the deals that reached it
   * @param next the next stage's name ("won" after the last open stage)
   * @param advanced how many of them reached the next stage
   * @param conversion advanced ÷ reached; empty when none reached it
   */
  public record Step(String stage, List<String> reached, String next, int advanced, Optional<BigDecimal> conversion) {
    public Step {
      reached = List.copyOf(reached);
      Objects.requireNonNull(conversion, "conversion");
    }
  }

  public Funnel {
    steps = List.copyOf(steps);
    won = List.copyOf(won);
    excluded = List.copyOf(excluded);
  }

  /** The funnel of the given deals' histories. */
  public static Funnel of(List<DealHistory> histories, StageModel model) {
    List<Stage> open = model.openStages();
    var reached = new ArrayList<List<String>>();
    for (int i = 0; i < open.size(); i++) {
      reached.add(new ArrayList<>());
    }
    var won = new ArrayList<String>();
    var excluded = new ArrayList<Forecast.Excluded>();
    for (DealHistory history : histories) {
      if (history.current().isEmpty()) {
        continue; // deleted: no longer part of the pipeline
      }
      Optional<Progress> progress = Progress.of(history, model, open);
      if (progress.isEmpty()) {
        excluded.add(new Forecast.Excluded(history.dealId(), Progress.problem(history)));
        continue;
      }
      for (int i = 0; i < progress.get().reached(); i++) {
        reached.get(i).add(history.dealId());
      }
      if (progress.get().outcome() == Stage.Outcome.WON) {
        won.add(history.dealId());
      }
    }
    var steps = new ArrayList<Step>();
    for (int i = 0; i < open.size(); i++) {
      boolean last = i == open.size() - 1;
      int advanced = last ? won.size() : reached.get(i + 1).size();
      String next = last ? "won" : open.get(i + 1).name();
      steps.add(new Step(open.get(i).name(), reached.get(i), next, advanced, ratio(advanced, reached.get(i).size())));
    }
    Optional<BigDecimal> overall = open.isEmpty() ? Optional.empty() : ratio(won.size(), reached.get(0).size());
    return new Funnel(steps, won, overall, excluded);
  }

  /** {@code a ÷ b} to six places, or empty when {@code b} is zero. */
  static Optional<BigDecimal> ratio(long a, long b) {
    if (b == 0) {
      return Optional.empty();
    }
    return Optional.of(BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros());
  }
}
