/**
 * The ground floor: the database (the embedded PostgreSQL by default, or an external one by
 * configuration, migrated by Flyway before anything else starts, {@link
 * io.contrivance.server.bootstrap.DatabaseBootstrap}), the JDBC plumbing every data owner shares
 * ({@link io.contrivance.server.bootstrap.Database}), the settings read from MicroProfile Config and
 * the clock. Nothing here knows a table of the product.
 */
package io.contrivance.server.bootstrap;
