/**
 * The sheet model and its validation engine.
 *
 * <p>A sheet is described by an immutable {@link io.contrivance.core.sheet.SheetSchema} (id, name,
 * description, ordered {@link io.contrivance.core.sheet.Column}s) and holds immutable {@link
 * io.contrivance.core.sheet.Row}s whose cells are keyed by column id. Columns carry their
 * validation {@link io.contrivance.core.sheet.Rule}s; {@link io.contrivance.core.sheet.SheetValidator}
 * checks cells, rows and whole sheets against them and reports every {@link
 * io.contrivance.core.sheet.Violation} without ever throwing on user data. Definitions that cannot
 * work (a minimum above the maximum, a bad pattern) fail when they are made, with an {@link
 * io.contrivance.core.type.InvalidDefinitionException}.
 *
 * <p>Rules live beside the model rather than in a package of their own because a column owns its
 * rules and the validator reads columns: splitting them would only create a package cycle.
 */
package io.contrivance.core.sheet;
