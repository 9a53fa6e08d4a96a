package io.contrivance.server.job;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Runs the jobs of one kind. Implementations are CDI beans; the workers find them by {@link #kind}.
 * Throwing fails this try (the job is tried again after a backoff, or is dead after its last try);
 * returning completes it.
 */
public interface JobHandler {

  String kind();

  /** Whether this handler runs jobs of the kind; by default, those of its own {@link #kind}. */
  default boolean handles(String kind) {
    return kind().equals(kind);
  }

  /** The kinds this instance may take now: by default its own kind while it is {@link #ready}. */
  default Collection<String> readyKinds() {
    return ready() ? List.of(kind()) : List.of();
  }

  void run(JobContext context) throws Exception;

  /**
   * Whether this instance can run the kind now (its plugin is started here, say); until it can, it
   * leaves these jobs to instances that can. Called before every claim: keep it cheap.
   */
  default boolean ready() {
    return true;
  }

  /** For a recurring job (a cleanup): how often one is enqueued, across all instances together. */
  default Optional<Duration> every() {
    return Optional.empty();
  }
}
