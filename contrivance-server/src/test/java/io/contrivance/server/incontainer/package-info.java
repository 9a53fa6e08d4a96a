/**
 * In-container tests (Arquillian on a managed Liberty): the server's CDI beans — the plugin host,
 * the job queue, the notification service — injected and called where they run, inside the
 * application as deployed, beside the HTTP-level integration tests of {@code it}.
 */
package io.contrivance.server.incontainer;
