package io.contrivance.api;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;

/**
 * What the application lends a plugin when it calls one of its extensions: the plugin's own
 * configuration, a logger named for it, the application's clock, and an HTTP client with the
 * application's timeouts. Immutable, and handed to every call (never kept from an earlier one), so a
 * configuration change reaches the next call. Plugins see nothing else of the application; retries
 * are the application's business (a delivery that throws is tried again later through its job
 * queue).
 */
public record PluginContext(String pluginId, PluginConfig config, System.Logger logger, Clock clock, HttpClient http) {

  public PluginContext {
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(http, "http");
  }
}
