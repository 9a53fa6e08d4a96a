package io.contrivance.server.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrivance.api.ConfigField;
import io.contrivance.api.InvalidPluginException;
import io.contrivance.api.PluginContext;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.server.plugin.PluginHost;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The plugin host as the application holds it: the bundled plugins, their settings, their types behind the guard. */
@ExtendWith(ArquillianExtension.class)
class PluginHostInContainerIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application(PluginHostInContainerIT.class);
  }

  @Inject PluginHost host;

  @Test
  void theBundledPlugins_areInstalled_columnTypesStarted_emailDisabledUntilConfigured() {
    List<PluginHost.Plugin> plugins = host.plugins();
    PluginHost.Plugin columnTypes = plugins.stream().filter(p -> p.id().equals("column-types")).findFirst().orElseThrow();
    assertEquals("started", columnTypes.state());
    assertTrue(columnTypes.provides().contains("column_type:rating"));
    assertEquals("disabled", plugins.stream().filter(p -> p.id().equals("email-notifications")).findFirst().orElseThrow().state());
    InvalidPluginException refused = assertThrows(InvalidPluginException.class, () -> host.enable("email-notifications"));
    assertTrue(List.of("smtp.host", "from").contains(refused.field()), "names a required setting not set: " + refused.field());
  }

  @Test
  void aPluginsTypes_areInTheCatalog_behindTheGuard() {
    var rating = host.catalog().registry().create("rating", Map.of());
    assertTrue(rating.parse("4", TextFormat.ISO).isValid());
    ParseResult seven = rating.parse("7", TextFormat.ISO);
    assertFalse(seven.isValid());
    assertEquals("out_of_range", ((ParseResult.Invalid) seven).code());
    assertTrue(rating.toString().contains("plugin column-types"), "wrapped by the guard: " + rating);
  }

  @Test
  void settings_areCheckedAgainstThePluginsFields_andReachItsContext_secretsNeverShown() {
    List<ConfigField> fields = host.configFields("email-notifications");
    assertTrue(fields.stream().anyMatch(f -> f.name().equals("smtp.password") && f.secret()));

    Map<String, String> problems = host.configure("email-notifications", Map.of("smtp.port", "lots", "colour", "blue"));
    assertEquals(Map.of("smtp.port", "must be a whole number", "colour", "is not a setting of this plugin"), problems);

    assertTrue(host.configure("email-notifications", Map.of("smtp.host", "mail.example.com", "smtp.password", "s3cret")).isEmpty());
    PluginContext context = host.context("email-notifications");
    assertEquals("mail.example.com", context.config().require("smtp.host"));
    assertEquals(587, context.config().integer("smtp.port", 0), "the field's default");
    assertEquals("s3cret", context.config().require("smtp.password"), "the plugin reads its secret");
    assertFalse(context.config().toString().contains("s3cret"), "but it never prints");
    PluginHost.ConfigValue shown = host.config("email-notifications").orElseThrow().stream().filter(v -> v.name().equals("smtp.password")).findFirst().orElseThrow();
    assertTrue(shown.set());
    assertEquals(null, shown.value());

    Map<String, String> cleared = new HashMap<>();
    cleared.put("smtp.password", null);
    cleared.put("smtp.host", null);
    host.configure("email-notifications", cleared);
    assertFalse(host.context("email-notifications").config().get("smtp.password").isPresent());
  }
}
