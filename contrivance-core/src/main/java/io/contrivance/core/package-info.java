/**
 * The embedding API: start here. A {@link io.contrivance.core.Workbook} creates and opens sheets
 * over a {@link io.contrivance.core.store.SheetStore}; a {@link io.contrivance.core.Sheet} reads,
 * edits (every edit validated, all or nothing), validates and reports changes of one sheet.
 *
 * <p>See {@code docs/embedding.md} for a complete example.
 */
package io.contrivance.core;
