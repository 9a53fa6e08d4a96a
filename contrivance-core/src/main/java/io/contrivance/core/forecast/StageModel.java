package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A sheet's stages in pipeline order. */
public record StageModel(List<Stage> stages) {

  public StageModel {
    stages = List.copyOf(stages);
    var names = new HashSet<String>();
    for (Stage stage : stages) {
      if (!names.add(stage.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("two stages are named " + stage.name());
      }
    }
  }

  /**
   * The Sales pipeline template's stages: Lead 10 % (Pipeline), Qualified 20 % (Pipeline), Proposal
   * 50 % (Best Case), Negotiation 80 % (Commit), Closed-Won 100 % (Closed), Closed-Lost 0 % (Omitted).
   */
  public static StageModel salesPipeline() {
    return new StageModel(
        List.of(
            new Stage("Lead", new BigDecimal("0.1"), Stage.Outcome.OPEN, ForecastCategory.PIPELINE),
            new Stage("Qualified", new BigDecimal("0.2"), Stage.Outcome.OPEN, ForecastCategory.PIPELINE),
            new Stage("Proposal", new BigDecimal("0.5"), Stage.Outcome.OPEN, ForecastCategory.BEST_CASE),
            new Stage("Negotiation", new BigDecimal("0.8"), Stage.Outcome.OPEN, ForecastCategory.COMMIT),
            new Stage("Closed-Won", BigDecimal.ONE, Stage.Outcome.WON, ForecastCategory.CLOSED),
            new Stage("Closed-Lost", BigDecimal.ZERO, Stage.Outcome.LOST, ForecastCategory.OMITTED)));
  }

  /** The stage with this name, ignoring case. */
  public Optional<Stage> stage(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String key = name.strip();
    for (Stage stage : stages) { // a handful of stages: a loop beats building a map per lookup
      if (stage.name().equalsIgnoreCase(key)) {
        return Optional.of(stage);
      }
    }
    return Optional.empty();
  }

  /** The open stages, in pipeline order. */
  public List<Stage> openStages() {
    return stages.stream().filter(s -> s.outcome() == Stage.Outcome.OPEN).toList();
  }
}
