/**
 * The embedding API: start here. A {@link io.contrivance.core.Workbook} creates and opens sheets
 * over a {@link io.contrivance.core.store.SheetStore}; a {@link io.contrivance.core.Sheet} reads,
 * edits (every edit validated, all or nothing), validates and reports changes of one sheet. This
 * package holds only these two entry points: the values they take and return are in {@code
 * core.sheet} and {@code core.type}, the engine that decides and orders edits in {@code
 * core.collab}.
 *
 * <p>See {@code docs/embedding.md} for a complete example.
 */
package io.contrivance.core;
