package io.contrivance.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * The values a plugin needs an admin to configure (an SMTP host, an API token). The application
 * checks what admins set against these fields, keeps secrets write-only, and hands the values to the
 * plugin's other extensions through {@link PluginContext#config}. A plugin has at most one.
 */
public interface PluginSettings extends ExtensionPoint {

  List<ConfigField> fields();
}
