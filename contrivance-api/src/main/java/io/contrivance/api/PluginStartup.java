package io.contrivance.api;

import org.pf4j.ExtensionPoint;

/**
 * Called when the plugin starts (when the application starts, or when an admin installs or enables
 * it), on every instance: the place to schedule recurring work ({@link PluginJobs}, with an
 * idempotency key so that instances do not schedule it twice). What it throws is logged; the plugin
 * stays started.
 */
public interface PluginStartup extends ExtensionPoint {

  void started(PluginContext context) throws Exception;
}
