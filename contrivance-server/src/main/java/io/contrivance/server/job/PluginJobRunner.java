package io.contrivance.server.job;


import io.contrivance.server.plugin.PluginHost;
import io.contrivance.server.plugin.PluginJobScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;

/**
 * Plugins' jobs on the queue: each plugin job kind is queued as {@code plugin:<id>:<kind>} (on the
 * queue {@code plugin:<id>}), so that only instances where that plugin is started take it, and runs
 * through the plugin's {@link io.contrivance.api.PluginJob} with the plugin's context.
 */
@ApplicationScoped
public class PluginJobRunner implements JobHandler, PluginJobScheduler {

  static final String PREFIX = "plugin:";

  @Inject Jobs jobs;
  @Inject PluginHost plugins;

  @Override
  public String schedule(String pluginId, String kind, String payload, Duration delay, String idempotencyKey) {
    JobRequest request =
        new JobRequest(PREFIX + pluginId, PREFIX + pluginId + ":" + kind, payload, 0, delay, JobRequest.DEFAULT_ATTEMPTS, idempotencyKey == null ? null : PREFIX + pluginId + ":" + idempotencyKey);
    return jobs.enqueue(request);
  }

  @Override
  public String kind() {
    return PREFIX + "*";
  }

  @Override
  public boolean handles(String kind) {
    return kind.startsWith(PREFIX);
  }

  @Override
  public Collection<String> readyKinds() {
    return plugins.jobKinds();
  }

  @Override
  public void run(JobContext context) throws Exception {
    String kind = context.job().kind();
    PluginHost.PluginJobExtension job =
        plugins.job(kind).orElseThrow(() -> new IllegalStateException("no started plugin runs jobs of kind '" + kind + "' on this instance now"));
    job.extension().run(plugins.context(job.pluginId()), context.job().payload());
  }
}
