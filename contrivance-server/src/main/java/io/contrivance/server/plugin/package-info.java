/**
 * Plugins at run time: {@link io.contrivance.server.plugin.PluginHost} keeps a pf4j plugin manager
 * over the plugins directory ({@code contrivance.plugins.dir}, by default {@code plugins} in the
 * data directory) and the column types the started plugins add; {@link
 * io.contrivance.server.plugin.PluginsResource} is the admins' API over it, {@link
 * io.contrivance.server.plugin.ColumnTypesResource} lists every type a user may choose now.
 *
 * <p>A jar is checked ({@code PluginJar.check}) before it is copied into the directory; pf4j's own
 * status file there ({@code disabled.txt}) keeps which plugins are disabled across restarts. A
 * plugin that fails to load or start is listed as {@code failed} with its error and the server
 * starts anyway. Plugin classes are never CDI beans: the host asks pf4j for extensions and drops
 * them when a plugin stops, so that its class loader can go.
 */
package io.contrivance.server.plugin;
