package io.contrivance.server.plugin;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls into one plugin's code within a time budget. The call runs on a thread of its own and the
 * caller waits at most the budget; a call that overruns is interrupted and left to finish (Java
 * cannot stop it), and while one is still running the plugin's further calls are refused at once
 * rather than tying up a thread each.
 */
final class PluginCalls {

  /** The plugin's code overran its budget, or is still busy with a call that did. */
  static final class Overrun extends Exception {
    private static final long serialVersionUID = 1L;

    Overrun(String message) {
      super(message);
    }
  }

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "contrivance-plugin-call-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });

  private final String pluginId;
  private final Duration budget;
  private final AtomicInteger overrunning = new AtomicInteger();

  PluginCalls(String pluginId, Duration budget) {
    this.pluginId = pluginId;
    this.budget = budget;
  }

  Duration budget() {
    return budget;
  }

  /** The call's result; what it throws is rethrown as the cause of an {@link ExecutionException}. */
  <T> T call(Callable<T> call) throws Overrun, ExecutionException {
    if (overrunning.get() > 0) {
      throw new Overrun("the plugin '" + pluginId + "' is still busy with a call that took longer than " + budget.toMillis() + " ms");
    }
    // 0 running, 1 finished in time, 2 abandoned by its caller.
    AtomicInteger state = new AtomicInteger();
    Future<T> future =
        POOL.submit(() -> {
          try {
            return call.call();
          } finally {
            if (!state.compareAndSet(0, 1)) {
              overrunning.decrementAndGet(); // the overrunning call is over
            }
          }
        });
    try {
      return future.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      if (!state.compareAndSet(0, 2)) {
        return finished(future); // it finished just now
      }
      overrunning.incrementAndGet();
      future.cancel(true);
      throw new Overrun("the plugin '" + pluginId + "' took longer than " + budget.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Overrun("interrupted while waiting for the plugin '" + pluginId + "'");
    }
  }

  private <T> T finished(Future<T> future) throws Overrun, ExecutionException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Overrun("interrupted while waiting for the plugin '" + pluginId + "'");
    }
  }
}
