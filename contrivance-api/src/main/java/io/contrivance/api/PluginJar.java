package io.contrivance.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import org.pf4j.DefaultVersionManager;

/**
 * What a plugin jar says of itself, checked before anything loads it: a readable jar no larger than
 * {@link #MAX_BYTES}, a manifest with an id, a version and a {@code Plugin-Requires} that accepts
 * {@link ApiVersion#CURRENT}, no entry that would land outside the plugin's directory, and no copy
 * of the API or core classes (pf4j would load such a plugin and silently ignore its extensions,
 * since its classes would not be the application's).
 *
 * @param id the plugin's id ({@code Plugin-Id})
 * @param version its version ({@code Plugin-Version})
 * @param requires the API versions it accepts ({@code Plugin-Requires})
 * @param description what it says it does ({@code Plugin-Description}, or empty)
 */
public record PluginJar(String id, String version, String requires, String description) {

  /** The largest plugin jar accepted. */
  public static final long MAX_BYTES = 50L * 1024 * 1024;

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final String[] HOST_PACKAGES = {"io/contrivance/api/", "io/contrivance/core/", "org/pf4j/"};

  /** Reads and checks a jar. */
  public static PluginJar check(Path jar) throws InvalidPluginException {
    try {
      if (Files.size(jar) > MAX_BYTES) {
        throw new InvalidPluginException("file", "a plugin jar may be at most " + MAX_BYTES / (1024 * 1024) + " MB");
      }
    } catch (IOException e) {
      throw new InvalidPluginException("file", "the file cannot be read");
    }
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        throw new InvalidPluginException("file", "the jar has no manifest (META-INF/MANIFEST.MF with Plugin-Id, Plugin-Version, Plugin-Requires)");
      }
      Attributes main = manifest.getMainAttributes();
      String id = required(main, "Plugin-Id");
      if (!ID.matcher(id).matches()) {
        throw new InvalidPluginException("Plugin-Id", "a plugin id is 1 to 64 lower-case letters, digits, '.', '_' or '-', was '" + id + "'");
      }
      String version = required(main, "Plugin-Version");
      String requires = required(main, "Plugin-Requires");
      if (!accepts(requires)) {
        throw new InvalidPluginException("Plugin-Requires", "the plugin requires API '" + requires + "'; this is API " + ApiVersion.CURRENT);
      }
      checkEntries(file);
      String description = main.getValue("Plugin-Description");
      return new PluginJar(id, version, requires, description == null ? "" : description.strip());
    } catch (ZipException e) {
      throw new InvalidPluginException("file", "the file is not a jar (zip) archive");
    } catch (IOException e) {
      throw new InvalidPluginException("file", "the jar cannot be read: " + e.getMessage());
    }
  }

  private static String required(Attributes main, String name) throws InvalidPluginException {
    String value = main.getValue(name);
    if (value == null || value.isBlank()) {
      throw new InvalidPluginException(name, "the manifest has no " + name);
    }
    return value.strip();
  }

  private static boolean accepts(String requires) {
    if (requires.equals("*")) {
      return false; // says nothing about the API it was written for
    }
    try {
      return new DefaultVersionManager().checkVersionConstraint(ApiVersion.CURRENT, requires);
    } catch (RuntimeException e) {
      return false; // not a version expression
    }
  }

  private static void checkEntries(JarFile file) throws InvalidPluginException {
    Enumeration<JarEntry> entries = file.entries();
    while (entries.hasMoreElements()) {
      String name = entries.nextElement().getName();
      if (name.startsWith("/") || name.contains("\\") || name.equals("..") || name.startsWith("../") || name.contains("/../") || name.endsWith("/..")) {
        throw new InvalidPluginException("entries", "the entry '" + name + "' would be written outside the plugin's directory");
      }
      for (String host : HOST_PACKAGES) {
        if (name.startsWith(host) || name.matches("lib/.*(contrivance-(api|core)|pf4j)[^/]*\\.jar")) {
          throw new InvalidPluginException("entries", "the jar bundles '" + name + "', which the application provides: depend on contrivance-api in provided scope");
        }
      }
    }
  }
}
