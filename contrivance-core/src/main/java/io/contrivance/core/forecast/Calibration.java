package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How well the stage model's probabilities match what happened: for each open stage, of the closed
 * deals that reached it (see {@link Funnel} for "reached"), the share that was won, beside the
 * probability configured for the stage. Open deals are left out: their outcome is not known yet.
 *
 * @param stages one per open stage, in pipeline order
 * @param excluded deals whose stage is missing or unknown to the stage model
 */
public record Calibration(List<Entry> stages, List<Forecast.Excluded> excluded) {

  /**
   * One stage's calibration.
   *
   * @param stage the stage's name
   * @param configured the probability the stage model gives it
   * @param won the closed deals that reached it and were won
   * @param lost the closed deals that reached it and were lost
   * @param historical won ÷ (won + lost); empty when no closed deal reached it
   */
  public record Entry(String stage, BigDecimal configured, List<String> won, List<String> lost, Optional<BigDecimal> historical) {
    public Entry {
      Objects.requireNonNull(configured, "configured");
      won = List.copyOf(won);
      lost = List.copyOf(lost);
      Objects.requireNonNull(historical, "historical");
    }
  }

  public Calibration {
    stages = List.copyOf(stages);
    excluded = List.copyOf(excluded);
  }

  /** The calibration of the stage model against the given deals' histories. */
  public static Calibration of(List<DealHistory> histories, StageModel model) {
    List<Stage> open = model.openStages();
    var won = new ArrayList<List<String>>();
    var lost = new ArrayList<List<String>>();
    for (int i = 0; i < open.size(); i++) {
      won.add(new ArrayList<>());
      lost.add(new ArrayList<>());
    }
    var excluded = new ArrayList<Forecast.Excluded>();
    for (DealHistory history : histories) {
      if (history.current().isEmpty()) {
        continue;
      }
      Optional<Progress> progress = Progress.of(history, model, open);
      if (progress.isEmpty()) {
        excluded.add(new Forecast.Excluded(history.dealId(), Progress.problem(history)));
        continue;
      }
      Stage.Outcome outcome = progress.get().outcome();
      if (outcome == Stage.Outcome.OPEN) {
        continue;
      }
      for (int i = 0; i < progress.get().reached(); i++) {
        (outcome == Stage.Outcome.WON ? won : lost).get(i).add(history.dealId());
      }
    }
    var entries = new ArrayList<Entry>();
    for (int i = 0; i < open.size(); i++) {
      int w = won.get(i).size();
      entries.add(new Entry(open.get(i).name(), open.get(i).probability(), won.get(i), lost.get(i), Funnel.ratio(w, w + lost.get(i).size())));
    }
    return new Calibration(entries, excluded);
  }
}
