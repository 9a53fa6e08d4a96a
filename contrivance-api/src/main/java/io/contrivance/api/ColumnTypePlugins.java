package io.contrivance.api;

import io.contrivance.core.type.ColumnTypeRegistry;
import io.contrivance.core.type.InvalidDefinitionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Column-type plugins for an application that embeds the core, without the server:
 *
 * <pre>{@code
 * ColumnTypeRegistry types = ColumnTypePlugins.load(ColumnTypeRegistry.standard(), Path.of("plugins")).registry();
 * Column length = Column.builder("Call length", types.create("duration", Map.of())).build();
 * }</pre>
 *
 * Every {@code *.jar} in the directory is checked ({@link PluginJar#check}) and started; the
 * column types of those that started are added to the registry. A jar that is refused, fails to
 * start or adds a type whose id is taken is listed in {@link #problems()} and the others load
 * anyway. The loaded plugins stay loaded for as long as the registry's types are in use.
 *
 * @param registry the base registry plus every plugin type
 * @param types what the plugins added, for offering the types to people
 * @param problems the jars or types that were left out, and why
 */
public record ColumnTypePlugins(ColumnTypeRegistry registry, List<ColumnTypeSpec> types, List<Problem> problems) {

  /** A plugin jar, or one of its types, that was left out. */
  public record Problem(String plugin, String message) {}

  public ColumnTypePlugins {
    types = List.copyOf(types);
    problems = List.copyOf(problems);
  }

  /** Loads the column-type plugins in a directory (a missing directory has none). */
  public static ColumnTypePlugins load(ColumnTypeRegistry base, Path directory) {
    List<Problem> problems = new ArrayList<>();
    PluginManager manager = new DefaultPluginManager(directory);
    manager.setSystemVersion(ApiVersion.CURRENT);
    PluginDirectory.load(manager, directory).forEach((jar, why) -> problems.add(new Problem(jar, why)));
    manager.startPlugins();
    ColumnTypeRegistry registry = base;
    List<ColumnTypeSpec> added = new ArrayList<>();
    for (PluginWrapper plugin : manager.getPlugins()) {
      String id = plugin.getPluginId();
      if (plugin.getPluginState() != PluginState.STARTED) {
        problems.add(new Problem(id, "did not start" + (plugin.getFailedException() == null ? "" : ": " + plugin.getFailedException().getMessage())));
        continue;
      }
      try {
        for (ColumnTypeSpec spec : PluginDirectory.columnTypes(manager, id)) {
          try {
            registry = registry.with(spec.provider());
            added.add(spec);
          } catch (InvalidDefinitionException e) {
            problems.add(new Problem(id, "type '" + spec.id() + "' left out: " + e.getMessage()));
          }
        }
      } catch (RuntimeException | LinkageError e) {
        // A plugin's own fault (a throwing constructor, a missing class) leaves out that plugin only.
        problems.add(new Problem(id, "its column types failed: " + e));
      }
    }
    return new ColumnTypePlugins(registry, added, problems);
  }
}
