/**
 * Live editing over {@code /ws/spreadsheet/{id}} (protocol: {@code docs/realtime.md}). {@link
 * io.contrivance.server.realtime.SheetSocket} authenticates a socket in its first message, decodes
 * edits and hands them to the core's engine, which decides, commits and publishes them; {@link
 * io.contrivance.server.realtime.Rooms} fans each committed event and the presence of a sheet out to
 * its sockets, and through {@link io.contrivance.server.realtime.KafkaBus} to the other instances
 * sharing the database; {@link io.contrivance.server.realtime.Connection} is one socket's ordered,
 * bounded outgoing queue. No edit is sent to anyone before it is stored.
 */
package io.contrivance.server.realtime;
