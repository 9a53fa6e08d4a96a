package io.contrivance.server.plugin;

import io.contrivance.api.ApiVersion;
import io.contrivance.api.ColumnTypeSpec;
import io.contrivance.api.ConfigField;
import io.contrivance.api.NotificationChannel;
import io.contrivance.api.PluginConfig;
import io.contrivance.api.PluginContext;
import io.contrivance.api.PluginJob;
import io.contrivance.api.PluginJobs;
import io.contrivance.api.PluginStartup;
import io.contrivance.api.PluginSettings;
import io.contrivance.api.InvalidPluginException;
import io.contrivance.api.PluginDirectory;
import io.contrivance.api.PluginJar;
import io.contrivance.core.type.ColumnTypeRegistry;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.server.bootstrap.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The installed plugins and what they add. Changes (install, enable, disable, remove) are
 * serialized; reading the current column types is a volatile read.
 */
@ApplicationScoped
public class PluginHost {

  private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

  @Inject Settings settings;
  @Inject Event<TypesChanged> typesChanged;
  @Inject PluginConfigs configs;
  @Inject Clock clock;
  @Inject Instance<PluginJobScheduler> scheduler;
  @Resource ManagedExecutorService executor;

  /** One HTTP client for every plugin, with the server's timeouts. */
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
  /** Each plugin's time budget and overrun state, by id. */
  private final Map<String, PluginCalls> calls = new ConcurrentHashMap<>();

  /** Fired when the available column types changed, so that whoever built columns from the old ones builds them again. */
  public record TypesChanged() {}

  private DefaultPluginManager manager;
  /** Jars in the directory that pf4j could not load, by file name. */
  private final Map<String, String> unloadable = new LinkedHashMap<>();
  /** Plugins that loaded but whose extensions failed, by id. */
  private final Map<String, String> failedExtensions = new LinkedHashMap<>();
  private volatile Catalog catalog = new Catalog(ColumnTypeRegistry.standard(), List.of());
  /** The started plugins' channels by name and jobs by kind ({@code plugin:<id>:<kind>}), looked up on every job claim: kept, not asked of pf4j each time. */
  private volatile Map<String, Channel> channels = Map.of();
  private volatile Map<String, PluginJobExtension> jobs = Map.of();

  /** A started plugin's job handler. */
  public record PluginJobExtension(String pluginId, PluginJob extension) {}

  /** The column types available now: the core's plus those of started plugins, with who provides each plugin type. */
  public record Catalog(ColumnTypeRegistry registry, List<Provided> pluginTypes) {}

  /** A plugin's column type and the plugin's id. */
  public record Provided(ColumnTypeSpec spec, String pluginId) {}

  /** A plugin as admins see it. */
  public record Plugin(String id, String version, String state, String description, List<String> provides, String error) {}

  /** Where the war carries the plugins built with it. */
  static final String BUNDLED = "/WEB-INF/bundled-plugins/";

  /** Bundled plugins that start disabled: they need configuring first (email needs an SMTP server). */
  static final Set<String> BUNDLED_DISABLED = Set.of("email-notifications");

  /** A started plugin's notification channel. */
  public record Channel(String pluginId, NotificationChannel extension) {}

  void startup(@Observes @Initialized(ApplicationScoped.class) Object event) {
    if (event instanceof ServletContext context && !Files.exists(settings.pluginsDirectory())) {
      installBundled(context);
    }
    catalog(); // loads the plugins at start, not on the first request that needs a type
  }

  /** On a server's first start (no plugins directory yet), the plugins built with it are installed. */
  private void installBundled(ServletContext context) {
    Path directory = settings.pluginsDirectory();
    Set<String> bundled = context.getResourcePaths(BUNDLED);
    try {
      Files.createDirectories(directory);
      List<String> disabled = new ArrayList<>();
      for (String resource : bundled == null ? Set.<String>of() : bundled) {
        if (resource.endsWith(".jar")) {
          Path target = directory.resolve(resource.substring(BUNDLED.length()));
          try (InputStream jar = context.getResourceAsStream(resource)) {
            Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
          }
          String id = PluginJar.check(target).id();
          if (BUNDLED_DISABLED.contains(id)) {
            disabled.add(id);
          }
          LOG.info("installed the bundled plugin " + id + (BUNDLED_DISABLED.contains(id) ? " (disabled until it is configured)" : ""));
        }
      }
      if (!disabled.isEmpty()) {
        // pf4j's own list of disabled plugins, read when the manager starts.
        Files.write(directory.resolve("disabled.txt"), disabled);
      }
    } catch (IOException | InvalidPluginException e) {
      LOG.log(Level.WARNING, "could not install the bundled plugins into " + directory, e);
    }
  }

  private synchronized DefaultPluginManager manager() {
    if (manager == null) {
      Path directory = settings.pluginsDirectory();
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the plugins directory " + directory, e);
      }
      manager = new DefaultPluginManager(directory);
      manager.setSystemVersion(ApiVersion.CURRENT);
      unloadable.putAll(PluginDirectory.load(manager, directory));
      unloadable.forEach((jar, why) -> LOG.warning("the plugin " + jar + " was not loaded: " + why));
      manager.startPlugins();
      rebuild();
      manager.getStartedPlugins().forEach(p -> started(p.getPluginId()));
    }
    return manager;
  }

  /** The column types available now. */
  public Catalog catalog() {
    if (manager == null) {
      manager();
    }
    return catalog;
  }

  /** Every plugin, installed or not loadable. */
  public synchronized List<Plugin> plugins() {
    List<Plugin> plugins = new ArrayList<>();
    for (PluginWrapper wrapper : manager().getPlugins()) {
      plugins.add(view(wrapper));
    }
    unloadable.forEach((file, error) -> plugins.add(new Plugin(file, "", "failed", "", List.of(), error)));
    return plugins;
  }

  public synchronized Optional<Plugin> plugin(String id) {
    return Optional.ofNullable(manager().getPlugin(id)).map(this::view);
  }

  /**
   * Installs a checked jar (read into {@code upload}, outside the plugins directory) and starts it.
   *
   * @throws InvalidPluginException if the jar is not a plugin this server can take
   * @throws AlreadyInstalled if a plugin with its id is installed
   */
  public synchronized Plugin install(Path upload) throws InvalidPluginException, AlreadyInstalled {
    PluginJar jar = PluginJar.check(upload);
    DefaultPluginManager manager = manager();
    if (manager.getPlugin(jar.id()) != null) {
      throw new AlreadyInstalled(jar.id());
    }
    Path target = settings.pluginsDirectory().resolve(jar.id() + "-" + jar.version().replaceAll("[^A-Za-z0-9._-]", "_") + ".jar");
    try {
      Files.copy(upload, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the plugin into " + target, e);
    }
    try {
      String id = manager.loadPlugin(target);
      manager.startPlugin(id);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the plugin " + jar.id() + " could not be loaded", e);
      if (manager.getPlugin(jar.id()) == null) {
        deleteQuietly(target);
        throw new InvalidPluginException("file", "the plugin could not be loaded: " + e.getMessage());
      }
    }
    rebuild();
    started(jar.id());
    return view(manager.getPlugin(jar.id()));
  }

  /**
   * Starts a plugin and keeps it enabled across restarts; empty if there is none by that id.
   *
   * @throws InvalidPluginException naming a required configuration value that is not set
   */
  public synchronized Optional<Plugin> enable(String id) throws InvalidPluginException {
    DefaultPluginManager manager = manager();
    if (manager.getPlugin(id) == null) {
      return Optional.empty();
    }
    PluginConfig config = configs.config(id, configFields(id));
    for (ConfigField field : configFields(id)) {
      if (field.required() && config.get(field.name()).isEmpty()) {
        throw new InvalidPluginException(field.name(), "is required before the plugin can be enabled (PUT /api/admin/plugins/" + id + "/config)");
      }
    }
    manager.enablePlugin(id);
    manager.startPlugin(id);
    failedExtensions.remove(id);
    rebuild();
    started(id);
    return plugin(id);
  }

  /** Stops a plugin and keeps it disabled across restarts; empty if there is none by that id. */
  public synchronized Optional<Plugin> disable(String id) {
    DefaultPluginManager manager = manager();
    if (manager.getPlugin(id) == null) {
      return Optional.empty();
    }
    manager.disablePlugin(id);
    rebuild();
    return plugin(id);
  }

  /** Stops, unloads and deletes a plugin; false if there is none by that id. */
  public synchronized boolean remove(String id) {
    DefaultPluginManager manager = manager();
    if (manager.getPlugin(id) == null) {
      return false;
    }
    // Drop its types first, so that nothing refers to its classes when its loader closes.
    catalog = without(id);
    channels = channels.entrySet().stream().filter(e -> !e.getValue().pluginId().equals(id)).collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    jobs = jobs.entrySet().stream().filter(e -> !e.getValue().pluginId().equals(id)).collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    manager.enablePlugin(id); // no stale "disabled" entry for a later install of the same id
    manager.deletePlugin(id);
    failedExtensions.remove(id);
    rebuild();
    return true;
  }

  private Catalog without(String id) {
    ColumnTypeRegistry registry = ColumnTypeRegistry.standard();
    List<Provided> kept = new ArrayList<>();
    for (Provided p : catalog.pluginTypes()) {
      if (!p.pluginId().equals(id)) {
        registry = registry.with(GuardedType.provider(p.pluginId(), p.spec().provider(), calls(p.pluginId())));
        kept.add(p);
      }
    }
    return new Catalog(registry, kept);
  }

  /** The catalog from the plugins started now; a plugin whose extensions throw is left out and marked failed. */
  private void rebuild() {
    ColumnTypeRegistry registry = ColumnTypeRegistry.standard();
    List<Provided> provided = new ArrayList<>();
    for (PluginWrapper plugin : manager.getStartedPlugins()) {
      String id = plugin.getPluginId();
      try {
        ColumnTypeRegistry withPlugin = registry;
        List<Provided> ofPlugin = new ArrayList<>();
        for (ColumnTypeSpec spec : PluginDirectory.columnTypes(manager, id)) {
          withPlugin = withPlugin.with(GuardedType.provider(id, spec.provider(), calls(id)));
          ofPlugin.add(new Provided(spec, id));
        }
        registry = withPlugin;
        provided.addAll(ofPlugin);
      } catch (InvalidDefinitionException e) {
        failedExtensions.put(id, e.getMessage());
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "the column types of plugin " + id + " failed", e);
        failedExtensions.put(id, "its column types failed: " + e);
      }
    }
    catalog = new Catalog(registry, provided);
    Map<String, Channel> channelsNow = new LinkedHashMap<>();
    Map<String, PluginJobExtension> jobsNow = new LinkedHashMap<>();
    for (PluginWrapper plugin : manager.getStartedPlugins()) {
      String id = plugin.getPluginId();
      try {
        for (NotificationChannel channel : manager.getExtensions(NotificationChannel.class, id)) {
          channelsNow.putIfAbsent(channel.channel(), new Channel(id, channel));
        }
        for (PluginJob job : manager.getExtensions(PluginJob.class, id)) {
          jobsNow.put("plugin:" + id + ":" + job.kind(), new PluginJobExtension(id, job));
        }
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "the channels or jobs of plugin " + id + " failed", e);
      }
    }
    channels = Map.copyOf(channelsNow);
    jobs = Map.copyOf(jobsNow);
    if (typesChanged != null) {
      typesChanged.fire(new TypesChanged());
    }
  }

  /** The values a plugin asks admins to configure (none if it has no {@link PluginSettings}, or its code fails). */
  public List<ConfigField> configFields(String id) {
    DefaultPluginManager manager = manager();
    PluginWrapper wrapper = manager.getPlugin(id);
    if (wrapper == null) {
      return List.of();
    }
    // pf4j finds extensions of started plugins only, and the fields are wanted before the first
    // start: read the plugin's extension index through its class loader.
    ClassLoader loader = wrapper.getPluginClassLoader();
    List<ConfigField> fields = new ArrayList<>();
    try (InputStream index = loader.getResourceAsStream("META-INF/extensions.idx")) {
      if (index == null) {
        return List.of();
      }
      for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        String name = line.strip();
        if (name.isEmpty() || name.startsWith("#")) {
          continue;
        }
        Class<?> type = loader.loadClass(name);
        if (PluginSettings.class.isAssignableFrom(type)) {
          fields.addAll(((PluginSettings) type.getDeclaredConstructor().newInstance()).fields());
        }
      }
      return List.copyOf(fields);
    } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "the configuration fields of plugin " + id + " failed", e);
      return List.of();
    }
  }

  /** The configuration of a plugin as admins see it: values, with secrets shown only as set or not. */
  public Optional<List<ConfigValue>> config(String id) {
    if (manager().getPlugin(id) == null) {
      return Optional.empty();
    }
    Map<String, String> values = configs.values(id);
    List<ConfigValue> shown = new ArrayList<>();
    for (ConfigField field : configFields(id)) {
      String value = values.get(field.name());
      shown.add(new ConfigValue(field.name(), field.kind(), field.required(), field.description(), field.defaultValue(), field.secret() ? null : value, value != null));
    }
    return Optional.of(shown);
  }

  /** One configuration value as admins see it; {@code value} is null for a secret (and when unset). */
  public record ConfigValue(String name, String kind, boolean required, String description, String defaultValue, String value, boolean set) {}

  /**
   * Sets or clears (null) the given values after checking each against the plugin's fields.
   *
   * @return the problems, by field name; nothing is stored if there is any
   */
  public Map<String, String> configure(String id, Map<String, String> changes) {
    List<ConfigField> fields = configFields(id);
    Map<String, String> problems = new LinkedHashMap<>();
    for (Map.Entry<String, String> change : changes.entrySet()) {
      Optional<ConfigField> field = fields.stream().filter(f -> f.name().equals(change.getKey())).findFirst();
      if (field.isEmpty()) {
        problems.put(change.getKey(), "is not a setting of this plugin");
      } else if (change.getValue() != null) {
        String problem = field.get().problem(change.getValue());
        if (problem != null) {
          problems.put(change.getKey(), problem);
        }
      }
    }
    if (problems.isEmpty()) {
      configs.set(id, changes, fields);
    }
    return problems;
  }

  /** The context handed to a plugin's call: its configuration now, its logger, the clock, the HTTP client. */
  public PluginContext context(String id) {
    PluginJobs jobs = (kind, payload, delay, key) -> scheduler.get().schedule(id, kind, payload, delay, key);
    return new PluginContext(id, configs.config(id, configFields(id)), System.getLogger("io.contrivance.plugin." + id), clock, http, jobs);
  }

  /** The first started plugin that delivers on this channel. */
  public Optional<Channel> channel(String name) {
    if (manager == null) {
      manager();
    }
    return Optional.ofNullable(channels.get(name));
  }

  /** The started plugins' job kinds, as the job queue names them ({@code plugin:<id>:<kind>}). */
  public Set<String> jobKinds() {
    if (manager == null) {
      manager();
    }
    return jobs.keySet();
  }

  /** The started plugin's handler of a job kind named {@code plugin:<id>:<kind>}. */
  public Optional<PluginJobExtension> job(String queuedKind) {
    return Optional.ofNullable(jobs.get(queuedKind));
  }

  /** Tells a plugin that it started ({@link PluginStartup}), off the caller's thread: its code may take its time. */
  private void started(String id) {
    List<PluginStartup> hooks;
    try {
      hooks = manager.getExtensions(PluginStartup.class, id);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "the start-up hooks of plugin " + id + " failed", e);
      return;
    }
    for (PluginStartup hook : hooks) {
      CompletableFuture.runAsync(
          () -> {
            try {
              hook.started(context(id));
            } catch (Exception | LinkageError e) {
              LOG.log(Level.WARNING, "the plugin " + id + " failed when told it started", e);
            }
          },
          executor);
    }
  }

  /** The time budget of a plugin's calls on a request path. */
  PluginCalls calls(String id) {
    return calls.computeIfAbsent(id, k -> new PluginCalls(k, settings.pluginCallBudget()));
  }

  private Plugin view(PluginWrapper wrapper) {
    String id = wrapper.getPluginId();
    List<String> provides = new ArrayList<>(catalog.pluginTypes().stream().filter(p -> p.pluginId().equals(id)).map(p -> "column_type:" + p.spec().id()).toList());
    if (wrapper.getPluginState() == PluginState.STARTED) {
      try {
        manager.getExtensions(NotificationChannel.class, id).forEach(c -> provides.add("notification_channel:" + c.channel()));
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.FINE, "the notification channels of plugin " + id + " failed", e);
      }
    }
    String error = failedExtensions.get(id);
    PluginState state = wrapper.getPluginState();
    String shown;
    if (error != null || state == PluginState.FAILED) {
      shown = "failed";
      if (error == null) {
        error = wrapper.getFailedException() == null ? "it did not start" : String.valueOf(wrapper.getFailedException().getMessage());
      }
    } else if (state == PluginState.STARTED) {
      shown = "started";
    } else {
      shown = "disabled";
    }
    String description = wrapper.getDescriptor().getPluginDescription();
    return new Plugin(id, wrapper.getDescriptor().getVersion(), shown, description == null ? "" : description, provides, error);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not delete " + file, e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (manager != null) {
      manager.stopPlugins();
    }
  }

  /** A plugin with this id is installed already. */
  public static final class AlreadyInstalled extends Exception {
    private static final long serialVersionUID = 1L;

    AlreadyInstalled(String id) {
      super("a plugin with id '" + id + "' is installed already");
    }
  }
}
