package io.contrivance.core.forecast;

import java.util.List;
import java.util.Optional;

/**
 * How far a deal got through the open stages, read from its history: the furthest open stage it was
 * ever seen in, or past all of them once won. A deal created straight into Proposal has reached
 * Lead and Qualified too (funnels count "reached at least").
 *
 * @param reached how many open stages it reached (0 for none, e.g. a deal only ever seen lost)
 * @param outcome where it is now
 * @param current the deal now
 */
record Progress(int reached, Stage.Outcome outcome, Deal current) {

  /** The deal's progress, if it exists now and every stage it was ever in is known to the model. */
  static Optional<Progress> of(DealHistory history, StageModel model, List<Stage> open) {
    Optional<Deal> now = history.current();
    if (now.isEmpty() || now.get().stage().isEmpty()) {
      return Optional.empty();
    }
    Optional<Stage> nowStage = model.stage(now.get().stage().get());
    if (nowStage.isEmpty()) {
      return Optional.empty();
    }
    int reached = 0;
    for (DealHistory.Version version : history.versions()) {
      if (version.deal().isEmpty() || version.deal().get().stage().isEmpty()) {
        continue;
      }
      Optional<Stage> stage = model.stage(version.deal().get().stage().get());
      if (stage.isEmpty()) {
        continue;
      }
      reached = Math.max(reached, switch (stage.get().outcome()) {
        case OPEN -> open.indexOf(stage.get()) + 1;
        case WON -> open.size();
        case LOST -> 0;
      });
    }
    return Optional.of(new Progress(reached, nowStage.get().outcome(), now.get()));
  }

  /** Why a deal has no progress to report. */
  static String problem(DealHistory history) {
    Optional<Deal> now = history.current();
    if (now.isEmpty()) {
      return "deleted";
    }
    return now.get().stage().map(s -> "unknown stage '" + s + "'").orElse("no stage");
  }
}
