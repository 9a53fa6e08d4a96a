package io.contrivance.server.it;

import static io.contrivance.server.it.Api.delete;
import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The plugin platform through its admin API, with the column-types plugin jar the build produced:
 * install, use a plugin column, disable (values kept, writes refused), enable, remove; bad jars
 * refused with the part at fault; admins only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginsIT {

  private static final String JAR = "application/java-archive";
  private static final String PLUGIN = "column-types";

  private static byte[] builtJar() throws IOException {
    return Files.readAllBytes(Path.of(System.getProperty("it.plugin.jar")));
  }

  /** A jar with the given manifest attributes and entries, as a (bad) plugin. */
  private static byte[] jar(Map<String, String> attributes, String... entries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      for (String entry : entries) {
        jar.putNextEntry(new JarEntry(entry));
        jar.write(1);
        jar.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static JsonObject plugin(String token) {
    return get("/api/admin/plugins", token).json().getJsonArray("data").getValuesAs(JsonObject.class).stream().filter(p -> p.getString("id").equals(PLUGIN)).findFirst().orElse(null);
  }

  private static List<String> columnTypes(String token) {
    return get("/api/column-types", token).json().getJsonArray("data").getValuesAs(JsonObject.class).stream().map(t -> t.getString("id")).toList();
  }

  private static String detailField(Api.Reply reply) {
    return reply.json().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("field");
  }

  /** Installs the built plugin fresh (an earlier run against the same data may have left it). */
  private static JsonObject installFresh(String admin) throws IOException {
    if (plugin(admin) != null) {
      assertThat(delete("/api/admin/plugins/" + PLUGIN, admin).status()).isEqualTo(204);
    }
    Api.Reply installed = Api.upload("/api/admin/plugins", admin, JAR, builtJar());
    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    return installed.data();
  }

  @Test
  @Order(1)
  void theBundledPlugin_isInstalledAndStartedOnTheServersFirstStart() {
    JsonObject bundled = plugin(Api.admin().accessToken());
    assertThat(bundled).as("installed from the war on first start").isNotNull();
    assertThat(bundled.getString("state")).isEqualTo("started");
    assertThat(columnTypes(Api.newUser().accessToken())).contains("rating", "duration", "country");
  }

  @Test
  void onlyAdmins_seeOrChangeThePlugins() throws IOException {
    Api.Session user = Api.newUser();
    assertThat(get("/api/admin/plugins", user.accessToken()).status()).isEqualTo(403);
    assertThat(Api.upload("/api/admin/plugins", user.accessToken(), JAR, builtJar()).status()).isEqualTo(403);
    assertThat(Api.uploadForm("/api/admin/plugins", user.accessToken(), "file", "p.jar", builtJar()).status()).isEqualTo(403);
    assertThat(post("/api/admin/plugins/" + PLUGIN + "/disable", user.accessToken(), "").status()).isEqualTo(403);
    assertThat(Api.put("/api/admin/plugins/" + PLUGIN + "/config", user.accessToken(), "{}").status()).isEqualTo(403);
    assertThat(get("/api/admin/plugins/" + PLUGIN + "/config", user.accessToken()).status()).isEqualTo(403);
    assertThat(get("/api/admin/plugins", null).status()).isEqualTo(401);
    assertThat(get("/api/column-types", user.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void badJars_areRefusedWithThePartAtFault_andNothingIsInstalled() throws IOException {
    String admin = Api.admin().accessToken();
    Map<String, String> good = Map.of("Plugin-Id", "bad-one", "Plugin-Version", "1.0.0", "Plugin-Requires", ">=1.0.0 & <2.0.0");

    Api.Reply corrupt = Api.upload("/api/admin/plugins", admin, JAR, "this is no jar".getBytes(StandardCharsets.UTF_8));
    assertThat(corrupt.status()).isEqualTo(422);
    assertThat(detailField(corrupt)).isEqualTo("file");

    Api.Reply noRequires = Api.upload("/api/admin/plugins", admin, JAR, jar(Map.of("Plugin-Id", "bad-one", "Plugin-Version", "1.0.0"), "a/B.class"));
    assertThat(noRequires.status()).isEqualTo(422);
    assertThat(detailField(noRequires)).isEqualTo("Plugin-Requires");

    Api.Reply future = Api.upload("/api/admin/plugins", admin, JAR, jar(Map.of("Plugin-Id", "bad-one", "Plugin-Version", "1.0.0", "Plugin-Requires", ">=9.0.0"), "a/B.class"));
    assertThat(detailField(future)).isEqualTo("Plugin-Requires");

    Api.Reply bundlesApi = Api.upload("/api/admin/plugins", admin, JAR, jar(good, "io/contrivance/api/ColumnTypeExtension.class"));
    assertThat(bundlesApi.status()).isEqualTo(422);
    assertThat(detailField(bundlesApi)).isEqualTo("entries");

    Api.Reply zipSlip = Api.upload("/api/admin/plugins", admin, JAR, jar(good, "../../outside.txt"));
    assertThat(zipSlip.status()).isEqualTo(422);
    assertThat(detailField(zipSlip)).isEqualTo("entries");

    Api.Reply empty = Api.upload("/api/admin/plugins", admin, JAR, new byte[0]);
    assertThat(empty.status()).isEqualTo(422);

    List<String> ids = get("/api/admin/plugins", admin).json().getJsonArray("data").getValuesAs(JsonObject.class).stream().map(p -> p.getString("id")).toList();
    assertThat(ids).doesNotContain("bad-one");
  }

  /** A plugin jar compiled here from one source file, its extension {@code com.example.<name>}. */
  private static byte[] compiledPlugin(String id, String name, String source) throws IOException {
    return compiledPlugin(id, name, source, List.of(name));
  }

  /** A plugin jar compiled here from one source file, with these extension classes of {@code com.example} (e.g. {@code Outer$Inner}). */
  private static byte[] compiledPlugin(String id, String name, String source, List<String> extensions) throws IOException {
    Path work = Files.createTempDirectory("plugin-" + id);
    Path file = work.resolve("src/com/example/" + name + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Path classes = Files.createDirectories(work.resolve("classes"));
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), file.toString());
    assertThat(compiled).isZero();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    Map.of("Plugin-Id", id, "Plugin-Version", "1.0.0", "Plugin-Requires", ">=1.0.0 & <2.0.0").forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest); var compiledFiles = Files.list(classes.resolve("com/example"))) {
      for (Path c : compiledFiles.toList()) {
        jar.putNextEntry(new JarEntry("com/example/" + c.getFileName()));
        jar.write(Files.readAllBytes(c));
        jar.closeEntry();
      }
      jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
      for (String extension : extensions) {
        jar.write(("com.example." + extension + "\n").getBytes(StandardCharsets.UTF_8));
      }
      jar.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static void removeIfInstalled(String admin, String id) {
    if (get("/api/admin/plugins", admin).json().getJsonArray("data").getValuesAs(JsonObject.class).stream().anyMatch(p -> p.getString("id").equals(id))) {
      delete("/api/admin/plugins/" + id, admin);
    }
  }

  private static byte[] throwingPlugin() throws IOException {
    return compiledPlugin(
        "throwing",
        "Throwing",
        """
        package com.example;

        @org.pf4j.Extension
        public class Throwing implements io.contrivance.api.ColumnTypeExtension {
          @Override
          public java.util.List<io.contrivance.api.ColumnTypeSpec> columnTypes() {
            throw new IllegalStateException("broken on purpose");
          }
        }
        """);
  }

  @Test
  void aTypeWhoseCodeThrowsOnAValue_refusesTheValueNamingThePlugin_andTheRequestStands() throws IOException {
    String admin = Api.admin().accessToken();
    removeIfInstalled(admin, "fragile");
    byte[] jar =
        compiledPlugin(
            "fragile",
            "Fragile",
            """
            package com.example;

            import io.contrivance.api.ColumnTypeExtension;
            import io.contrivance.api.ColumnTypeSpec;
            import io.contrivance.core.type.ColumnTypeProvider;
            import io.contrivance.core.type.ParseResult;
            import io.contrivance.core.type.TextColumnType;
            import io.contrivance.core.type.TextFormat;
            import java.util.List;

            @org.pf4j.Extension
            public class Fragile implements ColumnTypeExtension {
              @Override
              public List<ColumnTypeSpec> columnTypes() {
                return List.of(new ColumnTypeSpec(ColumnTypeProvider.of("fragile", s -> new FragileType()), "Fragile", List.of(), "text"));
              }

              static final class FragileType extends TextColumnType {
                FragileType() {
                  super("fragile");
                }

                @Override
                protected ParseResult parseNonBlank(String text, TextFormat format) {
                  throw new IllegalStateException("cannot read " + text);
                }
              }
            }
            """);
    Api.Reply installed = Api.upload("/api/admin/plugins", admin, JAR, jar);
    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    assertThat(installed.data().getString("state")).isEqualTo("started");

    String token = Api.newUser().accessToken();
    Api.Reply sheet = post("/api/spreadsheets", token, "{\"name\":\"Fragile\",\"columns\":[{\"name\":\"Name\",\"column_type\":\"text\"},{\"name\":\"F\",\"column_type\":\"fragile\"}]}");
    assertThat(sheet.status()).as(sheet.toString()).isEqualTo(201);
    Api.Reply refused = post("/api/spreadsheets/" + sheet.data().getString("id") + "/rows", token, "{\"data\":{\"Name\":\"A\",\"F\":\"x\"}}");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    JsonObject detail = refused.json().getJsonObject("error").getJsonArray("details").getJsonObject(0);
    assertThat(detail.getString("code")).isEqualTo("plugin_failed");
    assertThat(detail.getString("message")).contains("'fragile'");
    assertThat(post("/api/spreadsheets/" + sheet.data().getString("id") + "/rows", token, "{\"data\":{\"Name\":\"B\"}}").status()).isEqualTo(201);
    assertThat(delete("/api/admin/plugins/fragile", admin).status()).isEqualTo(204);
  }

  @Test
  void aTypeWhoseCodeHangs_refusesTheValueWithinTheBudget_andItsFurtherCallsAtOnceWhileItIsBusy() throws IOException {
    String admin = Api.admin().accessToken();
    removeIfInstalled(admin, "stuck");
    byte[] jar =
        compiledPlugin(
            "stuck",
            "Stuck",
            """
            package com.example;

            import io.contrivance.api.ColumnTypeExtension;
            import io.contrivance.api.ColumnTypeSpec;
            import io.contrivance.core.type.CellValue;
            import io.contrivance.core.type.ColumnTypeProvider;
            import io.contrivance.core.type.ParseResult;
            import io.contrivance.core.type.TextColumnType;
            import io.contrivance.core.type.TextFormat;
            import java.util.List;

            @org.pf4j.Extension
            public class Stuck implements ColumnTypeExtension {
              @Override
              public List<ColumnTypeSpec> columnTypes() {
                return List.of(new ColumnTypeSpec(ColumnTypeProvider.of("stuck", s -> new StuckType()), "Stuck", List.of(), "text"));
              }

              static final class StuckType extends TextColumnType {
                StuckType() {
                  super("stuck");
                }

                @Override
                protected ParseResult parseNonBlank(String text, TextFormat format) {
                  // Busy for 5 s whatever happens (an interrupt does not stop it), as a hung call would be.
                  long until = System.nanoTime() + 5_000_000_000L;
                  while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                  }
                  return ParseResult.valid(CellValue.text(text));
                }
              }
            }
            """);
    assertThat(Api.upload("/api/admin/plugins", admin, JAR, jar).status()).isEqualTo(201);
    String token = Api.newUser().accessToken();
    String sheet = post("/api/spreadsheets", token, "{\"name\":\"Stuck\",\"columns\":[{\"name\":\"Name\",\"column_type\":\"text\"},{\"name\":\"S\",\"column_type\":\"stuck\"}]}").data().getString("id");

    long started = System.nanoTime();
    Api.Reply overran = post("/api/spreadsheets/" + sheet + "/rows", token, "{\"data\":{\"Name\":\"A\",\"S\":\"x\"}}");
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(overran.status()).as(overran.toString()).isEqualTo(422);
    JsonObject detail = overran.json().getJsonObject("error").getJsonArray("details").getJsonObject(0);
    assertThat(detail.getString("code")).isEqualTo("plugin_failed");
    assertThat(detail.getString("message")).contains("'stuck'", "took longer than 1000 ms");
    assertThat(tookMillis).as("answered after the 1 s budget, not the 5 s the plugin takes").isLessThan(4_000);

    Api.Reply busy = post("/api/spreadsheets/" + sheet + "/rows", token, "{\"data\":{\"Name\":\"B\",\"S\":\"y\"}}");
    assertThat(busy.status()).isEqualTo(422);
    assertThat(busy.toString()).contains("still busy");
    assertThat(post("/api/spreadsheets/" + sheet + "/rows", token, "{\"data\":{\"Name\":\"C\"}}").status()).as("the rest of the sheet works").isEqualTo(201);
    assertThat(get("/health/ready", null).status()).isEqualTo(200);
    assertThat(delete("/api/admin/plugins/stuck", admin).status()).isEqualTo(204);
  }

  @Test
  void theExamplePluginOfThePluginGuide_installsAndWorks() throws IOException {
    String admin = Api.admin().accessToken();
    removeIfInstalled(admin, "example-tshirt");
    byte[] jar = Files.readAllBytes(Path.of(System.getProperty("it.example.plugin.jar", "../plugins/example/target/plugin-example-0.1.0-SNAPSHOT.jar")));
    Api.Reply installed = Api.uploadForm("/api/admin/plugins", admin, "file", "plugin-example.jar", jar);
    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    assertThat(installed.data().getJsonArray("provides").toString()).isEqualTo("[\"column_type:tshirt\"]");

    String token = Api.newUser().accessToken();
    String sheet = post("/api/spreadsheets", token, "{\"name\":\"Estimates\",\"columns\":[{\"name\":\"Task\",\"column_type\":\"text\"},{\"name\":\"Effort\",\"column_type\":\"tshirt\"}]}").data().getString("id");
    Api.Reply medium = post("/api/spreadsheets/" + sheet + "/rows", token, "{\"data\":{\"Task\":\"Demo\",\"Effort\":\"medium\"}}");
    assertThat(medium.status()).as(medium.toString()).isEqualTo(201);
    assertThat(medium.data().getJsonObject("data").getString("effort")).isEqualTo("M");
    Api.Reply huge = post("/api/spreadsheets/" + sheet + "/rows", token, "{\"data\":{\"Task\":\"Pilot\",\"Effort\":\"huge\"}}");
    assertThat(huge.status()).isEqualTo(422);
    assertThat(huge.json().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("code")).isEqualTo("not_a_size");
    assertThat(delete("/api/admin/plugins/example-tshirt", admin).status()).isEqualTo(204);
  }

  @Test
  void aPlugin_schedulesAJobWhenItStarts_whichReadsItsSettings_isRetriedUntilTheyAreSet_andCallsOutOnce() throws Exception {
    String admin = Api.admin().accessToken();
    removeIfInstalled(admin, "ticker");
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext("/tick", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    target.start();
    try {
      byte[] jar =
          compiledPlugin(
              "ticker",
              "Ticker",
              """
              package com.example;

              import io.contrivance.api.ConfigField;
              import io.contrivance.api.PluginContext;
              import io.contrivance.api.PluginJob;
              import io.contrivance.api.PluginSettings;
              import io.contrivance.api.PluginStartup;
              import java.net.URI;
              import java.net.http.HttpRequest;
              import java.net.http.HttpResponse;
              import java.time.Duration;
              import java.util.List;

              public class Ticker {
                @org.pf4j.Extension
                public static class Settings implements PluginSettings {
                  @Override
                  public List<ConfigField> fields() {
                    return List.of(new ConfigField("target.url", "string", true, null, "where to say hello"));
                  }
                }

                @org.pf4j.Extension
                public static class Start implements PluginStartup {
                  @Override
                  public void started(PluginContext context) {
                    context.jobs().schedule("hello", "hello from " + context.pluginId(), Duration.ZERO, "first-hello");
                  }
                }

                @org.pf4j.Extension
                public static class Hello implements PluginJob {
                  @Override
                  public String kind() {
                    return "hello";
                  }

                  @Override
                  public void run(PluginContext context, String payload) throws Exception {
                    String url = context.config().require("target.url");
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(payload)).build();
                    context.http().send(request, HttpResponse.BodyHandlers.discarding());
                  }
                }
              }
              """,
              List.of("Ticker$Settings", "Ticker$Start", "Ticker$Hello"));
      Api.Reply installed = Api.upload("/api/admin/plugins", admin, JAR, jar);
      assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
      // Its job runs at once and fails (no target yet), and again after growing waits; then the admin configures it.
      Thread.sleep(1_500);
      assertThat(received).isEmpty();
      String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/tick";
      assertThat(Api.put("/api/admin/plugins/ticker/config", admin, "{\"target.url\":\"" + url + "\"}").status()).isEqualTo(200);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.isEmpty()) {
        assertThat(System.nanoTime()).as("the plugin's job calls out once its setting is there").isLessThan(deadline);
        Thread.sleep(100);
      }
      Thread.sleep(1_000);
      assertThat(received).containsExactly("hello from ticker");
    } finally {
      target.stop(0);
      assertThat(delete("/api/admin/plugins/ticker", admin).status()).isEqualTo(204);
    }
  }

  @Test
  void aPluginWhoseCodeThrows_isFailedWithItsError_andTheServerGoesOn() throws IOException {
    String admin = Api.admin().accessToken();
    removeIfInstalled(admin, "throwing");
    // Sent as the multipart field "file", the second way to install.
    Api.Reply installed = Api.uploadForm("/api/admin/plugins", admin, "file", "throwing.jar", throwingPlugin());
    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    assertThat(installed.data().getString("state")).isEqualTo("failed");
    assertThat(installed.data().getString("error")).contains("broken on purpose");
    assertThat(installed.data().getJsonArray("provides")).isEmpty();

    Api.Session user = Api.newUser();
    assertThat(get("/api/column-types", user.accessToken()).status()).isEqualTo(200);
    assertThat(post("/api/spreadsheets", user.accessToken(), "{\"name\":\"Still fine\",\"columns\":[{\"name\":\"A\",\"column_type\":\"text\"}]}").status()).isEqualTo(201);
    assertThat(delete("/api/admin/plugins/throwing", admin).status()).isEqualTo(204);
  }

  @Test
  void aColumnTypePlugin_isInstalledUsedDisabledEnabledAndRemoved() throws IOException {
    String admin = Api.admin().accessToken();
    JsonObject installed = installFresh(admin);
    assertThat(installed.getString("state")).isEqualTo("started");
    assertThat(installed.getJsonArray("provides").getValuesAs(JsonString.class)).extracting(JsonString::getString).contains("column_type:rating", "column_type:duration", "column_type:country");
    assertThat(Api.upload("/api/admin/plugins", admin, JAR, builtJar()).status()).as("the same id again").isEqualTo(409);

    Api.Session user = Api.newUser();
    String token = user.accessToken();
    JsonObject rating = get("/api/column-types", token).json().getJsonArray("data").getValuesAs(JsonObject.class).stream().filter(t -> t.getString("id").equals("rating")).findFirst().orElseThrow();
    assertThat(rating.getString("provided_by")).isEqualTo(PLUGIN);
    assertThat(rating.getString("editor")).isEqualTo("stars");

    Api.Reply sheet =
        post(
            "/api/spreadsheets",
            token,
            "{\"name\":\"Calls\",\"columns\":[{\"name\":\"Company\",\"column_type\":\"text\"},{\"name\":\"Score\",\"column_type\":\"rating\",\"is_required\":true},{\"name\":\"Length\",\"column_type\":\"duration\"}]}");
    assertThat(sheet.status()).as(sheet.toString()).isEqualTo(201);
    String rows = "/api/spreadsheets/" + sheet.data().getString("id") + "/rows";
    Api.Reply four = post(rows, token, "{\"data\":{\"Company\":\"Acme\",\"Score\":4,\"Length\":\"1h 30m\"}}");
    assertThat(four.status()).as(four.toString()).isEqualTo(201);
    String row = four.data().getString("id");
    Api.Reply seven = post(rows, token, "{\"data\":{\"Company\":\"Bad\",\"Score\":7}}");
    assertThat(seven.status()).isEqualTo(422);
    assertThat(detailField(seven)).isEqualTo("data.score");

    // Disabled: the values stay and read, writes to the column are refused, new columns cannot use the type.
    assertThat(post("/api/admin/plugins/" + PLUGIN + "/disable", admin, "").data().getString("state")).isEqualTo("disabled");
    assertThat(columnTypes(token)).doesNotContain("rating");
    JsonObject kept = get(rows + "/" + row, token).data().getJsonObject("data");
    assertThat(kept.getJsonNumber("score").intValue()).isEqualTo(4);
    assertThat(kept.getJsonNumber("length").intValue()).isEqualTo(5400);
    Api.Reply refused = Api.send("PATCH", rows + "/" + row, token, "{\"data\":{\"Score\":5}}");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("code")).isEqualTo("column_type_unavailable");
    assertThat(Api.send("PATCH", rows + "/" + row, token, "{\"data\":{\"Company\":\"Acme Corp\"}}").status()).as("other columns still take writes").isEqualTo(200);
    assertThat(post("/api/spreadsheets/" + sheet.data().getString("id") + "/columns", token, "{\"name\":\"Stars\",\"column_type\":\"rating\"}").status()).isEqualTo(422);

    // Enabled again: the column is a rating column again, with its values.
    assertThat(post("/api/admin/plugins/" + PLUGIN + "/enable", admin, "").data().getString("state")).isEqualTo("started");
    assertThat(columnTypes(token)).contains("rating");
    Api.Reply five = Api.send("PATCH", rows + "/" + row, token, "{\"data\":{\"Score\":5}}");
    assertThat(five.status()).as(five.toString()).isEqualTo(200);
    assertThat(Api.send("PATCH", rows + "/" + row, token, "{\"data\":{\"Score\":9}}").status()).isEqualTo(422);
    assertThat(get(rows + "/" + row, token).data().getJsonObject("data").getString("company")).isEqualTo("Acme Corp");

    // Removed: gone from the list and the types, the sheet still reads.
    assertThat(delete("/api/admin/plugins/" + PLUGIN, admin).status()).isEqualTo(204);
    assertThat(plugin(admin)).isNull();
    assertThat(columnTypes(token)).doesNotContain("duration");
    assertThat(get(rows + "/" + row, token).data().getJsonObject("data").getJsonNumber("score").intValue()).isEqualTo(5);
    assertThat(delete("/api/admin/plugins/" + PLUGIN, admin).status()).isEqualTo(404);

    // As found: the bundled plugin installed (the browser tests use its types).
    assertThat(Api.upload("/api/admin/plugins", admin, JAR, builtJar()).status()).isEqualTo(201);
  }
}
