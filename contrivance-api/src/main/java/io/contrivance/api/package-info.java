/**
 * What a plugin may add to Contrivance, and how an application loads plugins.
 *
 * <p>Extension points are small interfaces named for a capability: {@link ColumnTypeExtension} for
 * column types, {@link NotificationChannel} for delivering notifications, {@link PluginSettings} for
 * the values an admin configures (CRM connectors follow the same pattern). Calls that need the
 * application's services get a {@link PluginContext}: the plugin's configuration, a logger, a clock
 * and an HTTP client. A plugin is a
 * pf4j jar whose manifest names it ({@code Plugin-Id}, {@code Plugin-Version}) and the API it was
 * written for ({@code Plugin-Requires}, checked against {@link ApiVersion#CURRENT}); its extension
 * classes carry pf4j's {@code @Extension}. Plugins depend on this module (and, through it, on the
 * core) in {@code provided} scope and never see the server: the API and core classes must come from
 * the application, a jar that bundles them is refused.
 *
 * <p>Embedders load column-type plugins into the core's type registry with one call, {@link
 * ColumnTypePlugins#load}; the server uses the same extension point through its plugin manager.
 */
package io.contrivance.api;
