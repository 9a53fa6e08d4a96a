/**
 * Extension points that plugins implement: column types, sync connectors and notification channels.
 * Plugins depend on this module (and, through it, on the core) in {@code provided} scope, never on
 * the server.
 */
package io.contrivance.api;
