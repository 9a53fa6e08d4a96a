package io.contrivance.api;

import org.pf4j.ExtensionPoint;

/**
 * Runs a plugin's scheduled jobs of one kind ({@link PluginJobs#schedule}). Returning completes the
 * job; throwing fails this try, and the job runs again after a backoff (after its last try it waits
 * for an admin). A job may run more than once (its instance may die after the work but before the
 * job is marked done): make the work idempotent.
 */
public interface PluginJob extends ExtensionPoint {

  String kind();

  void run(PluginContext context, String payload) throws Exception;
}
