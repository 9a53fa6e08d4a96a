package io.contrivance.server.job;

/** What a running job knows about itself, and the one way it should perform an outside effect. */
public interface JobContext {

  Job job();

  /** True on the job's last try: a handler may give up gracefully instead of failing. */
  default boolean lastAttempt() {
    return job().attempts() >= job().maxAttempts();
  }

  /**
   * Runs the effect unless an effect with this key was already recorded (by an earlier try of this
   * or any job), then records it. A worker that dies between the effect and the record repeats it
   * once; the window is the time of one insert.
   *
   * @return true if it ran now
   */
  boolean once(String effectKey, Effect effect) throws Exception;

  @FunctionalInterface
  interface Effect {
    void run() throws Exception;
  }
}
