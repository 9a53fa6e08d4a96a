package io.contrivance.server.plugin;

import java.time.Duration;

/** Where plugins' jobs go: the job queue implements it (the plugin host does not know the queue). */
public interface PluginJobScheduler {

  String schedule(String pluginId, String kind, String payload, Duration delay, String idempotencyKey);
}
