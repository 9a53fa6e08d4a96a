package io.contrivance.api;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;

/**
 * What the application lends a plugin when it calls one of its extensions: the plugin's own
 * configuration, a logger named for it, the application's clock, an HTTP client with the
 * application's timeouts, and its durable job queue ({@link PluginJobs}). Immutable, and handed to
 * every call (never kept from an earlier one), so a configuration change reaches the next call.
 * Plugins see nothing else of the application.
 */
public record PluginContext(String pluginId, PluginConfig config, System.Logger logger, Clock clock, HttpClient http, PluginJobs jobs) {

  public PluginContext {
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(jobs, "jobs");
  }
}
