package io.contrivance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin jar is read and checked before anything loads it; each way a jar can be wrong is named. */
class PluginJarTest {

  @TempDir Path dir;

  private Map<String, String> manifest() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Plugin-Id", "good-plugin");
    m.put("Plugin-Version", "1.2.0");
    m.put("Plugin-Requires", ">=1.0.0 & <2.0.0");
    m.put("Plugin-Description", "Does good");
    return m;
  }

  private Path jar(Map<String, String> attributes, String... entries) throws IOException {
    Path path = Files.createTempFile(dir, "plugin", ".jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
    try (OutputStream out = Files.newOutputStream(path);
        JarOutputStream jar = attributes.isEmpty() ? new JarOutputStream(out) : new JarOutputStream(out, manifest)) {
      for (String entry : entries) {
        jar.putNextEntry(new JarEntry(entry));
        jar.write(1);
        jar.closeEntry();
      }
    }
    return path;
  }

  private static InvalidPluginException refusal(Path jar) {
    return catchThrowableOfType(InvalidPluginException.class, () -> PluginJar.check(jar));
  }

  @Test
  void aWellFormedJar_isReadFromItsManifest() throws Exception {
    PluginJar read = PluginJar.check(jar(manifest(), "com/example/Good.class"));
    assertThat(read).isEqualTo(new PluginJar("good-plugin", "1.2.0", ">=1.0.0 & <2.0.0", "Does good"));
  }

  @Test
  void aFileThatIsNotAJar_isRefused() throws IOException {
    Path corrupt = Files.writeString(dir.resolve("corrupt.jar"), "not a zip at all");
    assertThat(refusal(corrupt).field()).isEqualTo("file");
  }

  @Test
  void aJarWithoutAManifest_isRefused() throws IOException {
    assertThat(refusal(jar(Map.of(), "a/B.class")).field()).isEqualTo("file");
  }

  /** The refusal of a good manifest with one attribute changed (null: removed). */
  private InvalidPluginException withAttribute(String name, String value) throws IOException {
    Map<String, String> attributes = manifest();
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
    return refusal(jar(attributes));
  }

  @Test
  void aMissingOrUnsupportedPluginRequires_isRefused() throws IOException {
    assertThat(withAttribute("Plugin-Requires", null).field()).isEqualTo("Plugin-Requires");
    assertThat(withAttribute("Plugin-Requires", "*").field()).isEqualTo("Plugin-Requires");
    assertThat(withAttribute("Plugin-Requires", ">=2.0.0").getMessage()).contains("this is API " + ApiVersion.CURRENT);
    assertThat(withAttribute("Plugin-Requires", "whenever").field()).isEqualTo("Plugin-Requires");
  }

  @Test
  void aMissingOrMalformedIdOrVersion_isRefused() throws IOException {
    assertThat(withAttribute("Plugin-Version", null).field()).isEqualTo("Plugin-Version");
    assertThat(withAttribute("Plugin-Id", "../Evil").field()).isEqualTo("Plugin-Id");
    assertThat(withAttribute("Plugin-Id", null).field()).isEqualTo("Plugin-Id");
  }

  @Test
  void aJarBundlingTheApplicationsClasses_isRefused() throws IOException {
    assertThat(refusal(jar(manifest(), "io/contrivance/api/ColumnTypeExtension.class")).getMessage()).contains("provided scope");
    assertThat(refusal(jar(manifest(), "io/contrivance/core/Sheet.class")).field()).isEqualTo("entries");
    assertThat(refusal(jar(manifest(), "lib/contrivance-core-0.1.0.jar")).field()).isEqualTo("entries");
  }

  @Test
  void anEntryThatWouldLandOutsideThePluginsDirectory_isRefused() throws IOException {
    assertThat(refusal(jar(manifest(), "lib/../../evil.sh")).field()).isEqualTo("entries");
    assertThat(refusal(jar(manifest(), "/etc/passwd")).field()).isEqualTo("entries");
  }
}
