package io.contrivance.server.plugin;

import io.contrivance.api.ApiVersion;
import io.contrivance.api.ColumnTypeSpec;
import io.contrivance.api.InvalidPluginException;
import io.contrivance.api.PluginDirectory;
import io.contrivance.api.PluginJar;
import io.contrivance.core.type.ColumnTypeRegistry;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.server.bootstrap.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /** Fired when the available column types changed, so that whoever built columns from the old ones builds them again. */
  public record TypesChanged() {}

  private DefaultPluginManager manager;
  /** Jars in the directory that pf4j could not load, by file name. */
  private final Map<String, String> unloadable = new LinkedHashMap<>();
  /** Plugins that loaded but whose extensions failed, by id. */
  private final Map<String, String> failedExtensions = new LinkedHashMap<>();
  private volatile Catalog catalog = new Catalog(ColumnTypeRegistry.standard(), List.of());

  /** The column types available now: the core's plus those of started plugins, with who provides each plugin type. */
  public record Catalog(ColumnTypeRegistry registry, List<Provided> pluginTypes) {}

  /** A plugin's column type and the plugin's id. */
  public record Provided(ColumnTypeSpec spec, String pluginId) {}

  /** A plugin as admins see it. */
  public record Plugin(String id, String version, String state, String description, List<String> provides, String error) {}

  /** Where the war carries the plugins built with it. */
  static final String BUNDLED = "/WEB-INF/bundled-plugins/";

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
      for (String resource : bundled == null ? Set.<String>of() : bundled) {
        if (resource.endsWith(".jar")) {
          try (InputStream jar = context.getResourceAsStream(resource)) {
            Files.copy(jar, directory.resolve(resource.substring(BUNDLED.length())), StandardCopyOption.REPLACE_EXISTING);
            LOG.info("installed the bundled plugin " + resource.substring(BUNDLED.length()));
          }
        }
      }
    } catch (IOException e) {
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
    return view(manager.getPlugin(jar.id()));
  }

  /** Starts a plugin and keeps it enabled across restarts; empty if there is none by that id. */
  public synchronized Optional<Plugin> enable(String id) {
    DefaultPluginManager manager = manager();
    if (manager.getPlugin(id) == null) {
      return Optional.empty();
    }
    manager.enablePlugin(id);
    manager.startPlugin(id);
    failedExtensions.remove(id);
    rebuild();
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
        registry = registry.with(GuardedType.provider(p.pluginId(), p.spec().provider()));
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
          withPlugin = withPlugin.with(GuardedType.provider(id, spec.provider()));
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
    if (typesChanged != null) {
      typesChanged.fire(new TypesChanged());
    }
  }

  private Plugin view(PluginWrapper wrapper) {
    String id = wrapper.getPluginId();
    List<String> provides = catalog.pluginTypes().stream().filter(p -> p.pluginId().equals(id)).map(p -> "column_type:" + p.spec().id()).toList();
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
