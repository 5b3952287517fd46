/**
 * The plugin host: loads PF4J plugins from a directory (and built-ins from the class path), isolates each in its
 * own class loader, reports what loaded and what failed ({@link io.llmpolicy.plugin.host.PluginReport}), and
 * puts a boundary ({@link io.llmpolicy.plugin.host.PluginBoundary}) around every call into plugin code so an
 * exception or a hang becomes a typed {@link io.llmpolicy.plugin.host.PluginCallException} naming the plugin, the
 * function and the policy location.
 *
 * <p>Entry point: {@link io.llmpolicy.plugin.host.PluginHost#builder()}.
 */
package io.llmpolicy.plugin.host;
