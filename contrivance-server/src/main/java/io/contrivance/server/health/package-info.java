/**
 * Whether the server can serve: MicroProfile Health's readiness check on the database (at {@code
 * /health}, for orchestrators) and {@code GET /api/health} in the seed's shape for API clients.
 */
package io.contrivance.server.health;
