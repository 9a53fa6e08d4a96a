/**
 * Sheets over REST. The core's {@link io.contrivance.core.Workbook} does every edit (parsing,
 * validation, all-or-nothing batches, optimistic concurrency); this package stores its sheets in
 * PostgreSQL ({@link io.contrivance.server.sheet.JdbcSheetStore}: rows as JSONB), checks who may
 * touch which sheet, writes the audit log in the same transaction, and maps JSON to core values.
 */
package io.contrivance.server.sheet;
