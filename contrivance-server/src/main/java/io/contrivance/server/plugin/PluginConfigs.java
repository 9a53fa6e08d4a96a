package io.contrivance.server.plugin;

import static io.contrivance.server.bootstrap.Database.params;

import io.contrivance.api.ConfigField;
import io.contrivance.api.PluginConfig;
import io.contrivance.server.bootstrap.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plugins' configuration values ({@code plugin_config}), shared by every instance. */
@ApplicationScoped
public class PluginConfigs {

  @Inject Database db;
  @Inject Clock clock;

  /** The values set for a plugin, by name (secrets included: for the plugin, never for the API). */
  Map<String, String> values(String pluginId) {
    Map<String, String> values = new HashMap<>();
    db.read("select name, value from plugin_config where plugin_id = ?", params(pluginId), rs -> values.put(rs.getString(1), rs.getString(2)));
    return values;
  }

  /** What a plugin's extensions get: the values set, the fields' defaults where none is. */
  PluginConfig config(String pluginId, List<ConfigField> fields) {
    Map<String, String> values = new HashMap<>(values(pluginId));
    for (ConfigField field : fields) {
      if (!values.containsKey(field.name()) && field.defaultValue() != null) {
        values.put(field.name(), field.defaultValue());
      }
    }
    return new PluginConfig(values);
  }

  /** Sets (non-null) or clears (null) each given value, in one transaction. */
  void set(String pluginId, Map<String, String> changes, List<ConfigField> fields) {
    Map<String, Boolean> secret = new HashMap<>();
    fields.forEach(f -> secret.put(f.name(), f.secret()));
    Timestamp now = Timestamp.from(clock.instant());
    db.inTransaction(connection -> {
      for (Map.Entry<String, String> change : changes.entrySet()) {
        if (change.getValue() == null) {
          try (var ps = connection.prepareStatement("delete from plugin_config where plugin_id = ? and name = ?")) {
            ps.setString(1, pluginId);
            ps.setString(2, change.getKey());
            ps.executeUpdate();
          }
        } else {
          try (var ps =
              connection.prepareStatement(
                  "insert into plugin_config (plugin_id, name, value, secret, updated_at) values (?, ?, ?, ?, ?) "
                      + "on conflict (plugin_id, name) do update set value = excluded.value, secret = excluded.secret, updated_at = excluded.updated_at")) {
            ps.setString(1, pluginId);
            ps.setString(2, change.getKey());
            ps.setString(3, change.getValue());
            ps.setBoolean(4, secret.getOrDefault(change.getKey(), true));
            ps.setTimestamp(5, now);
            ps.executeUpdate();
          }
        }
      }
      return null;
    });
  }
}
