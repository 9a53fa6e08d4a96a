package io.contrivance.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pf4j.PluginManager;

/** The steps an application takes with a directory of plugin jars, shared by the embedder's loader and the server. */
public final class PluginDirectory {

  private PluginDirectory() {}

  /**
   * Checks ({@link PluginJar#check}) and loads every {@code *.jar} of the directory into the
   * manager (not starting them). A missing directory has none.
   *
   * @return the jars left out, by file name, with the reason
   */
  public static Map<String, String> load(PluginManager manager, Path directory) {
    Map<String, String> leftOut = new LinkedHashMap<>();
    for (Path jar : jars(directory)) {
      try {
        PluginJar.check(jar);
        manager.loadPlugin(jar);
      } catch (InvalidPluginException e) {
        leftOut.put(jar.getFileName().toString(), e.field() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        leftOut.put(jar.getFileName().toString(), "cannot be loaded: " + e.getMessage());
      }
    }
    return leftOut;
  }

  /** The column types a started plugin adds; throws whatever the plugin's code throws. */
  public static List<ColumnTypeSpec> columnTypes(PluginManager manager, String pluginId) {
    List<ColumnTypeSpec> specs = new ArrayList<>();
    for (ColumnTypeExtension extension : manager.getExtensions(ColumnTypeExtension.class, pluginId)) {
      specs.addAll(extension.columnTypes());
    }
    return specs;
  }

  private static List<Path> jars(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
