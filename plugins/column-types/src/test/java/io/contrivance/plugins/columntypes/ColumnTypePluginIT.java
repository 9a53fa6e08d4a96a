package io.contrivance.plugins.columntypes;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.api.ColumnTypePlugins;
import io.contrivance.api.ColumnTypeSpec;
import io.contrivance.core.Sheet;
import io.contrivance.core.Workbook;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.type.ColumnTypeRegistry;
import io.contrivance.core.type.TextFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar the build produced, loaded as an embedder would: with one call into the core's type
 * registry, without the server (and without this module's classes on the class path doing the work:
 * the types come from the plugin's own class loader).
 */
class ColumnTypePluginIT {

  @TempDir Path plugins;

  private Path installBuiltJar() throws IOException {
    Path built = Path.of(System.getProperty("plugin.jar"));
    return Files.copy(built, plugins.resolve(built.getFileName()));
  }

  @Test
  void theBuiltJar_addsItsTypesToTheCoresRegistry() throws IOException {
    installBuiltJar();
    ColumnTypePlugins loaded = ColumnTypePlugins.load(ColumnTypeRegistry.standard(), plugins);

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.types()).extracting(ColumnTypeSpec::id).containsExactly("rating", "duration", "country");
    assertThat(loaded.types()).extracting(ColumnTypeSpec::editor).containsExactly("stars", "duration", "text");
    assertThat(loaded.registry().ids()).contains("text", "currency", "rating", "duration", "country");
    assertThat(loaded.registry().create("rating", Map.of()).getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
  }

  @Test
  void aSheetWithAPluginColumn_acceptsFourStarsAndRejectsSeven() throws IOException {
    installBuiltJar();
    ColumnTypeRegistry types = ColumnTypePlugins.load(ColumnTypeRegistry.standard(), plugins).registry();
    Sheet sheet = Workbook.inMemory().create("Calls", List.of(Column.builder("Score", types.create("rating", Map.of())).build(), Column.builder("Length", types.create("duration", Map.of())).build()));

    assertThat(sheet.addRow(Map.of("score", "4", "length", "1h 30m"))).isInstanceOf(EditResult.Applied.class);
    EditResult<?> seven = sheet.addRow(Map.of("score", "7"));
    assertThat(seven).isInstanceOf(EditResult.Rejected.class);
    assertThat(((EditResult.Rejected<?>) seven).problems()).singleElement().satisfies(v -> {
      assertThat(v.column().value()).isEqualTo("score");
      assertThat(v.code()).isEqualTo("out_of_range");
    });
    Column length = sheet.schema().columns().get(1);
    assertThat(length.type().format(sheet.rows().get(0).cells().get(length.id()), TextFormat.ISO)).isEqualTo("1h 30m");
  }

  @Test
  void aDirectoryWithABadJar_stillLoadsTheGoodOne() throws IOException {
    installBuiltJar();
    Files.writeString(plugins.resolve("broken.jar"), "not a jar");
    ColumnTypePlugins loaded = ColumnTypePlugins.load(ColumnTypeRegistry.standard(), plugins);
    assertThat(loaded.registry().ids()).contains("rating");
    assertThat(loaded.problems()).singleElement().satisfies(p -> assertThat(p.plugin()).isEqualTo("broken.jar"));
  }

  @Test
  void aMissingDirectory_hasNoPlugins() {
    ColumnTypePlugins loaded = ColumnTypePlugins.load(ColumnTypeRegistry.standard(), plugins.resolve("none"));
    assertThat(loaded.registry()).isSameAs(ColumnTypeRegistry.standard());
    assertThat(loaded.problems()).isEmpty();
  }
}
