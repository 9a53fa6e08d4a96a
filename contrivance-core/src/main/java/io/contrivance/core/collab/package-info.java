/**
 * What clients of a shared sheet need besides the sheet itself: a {@link
 * io.contrivance.core.collab.Replica} that follows the sheet's events (with optimistic local
 * edits), and {@link io.contrivance.core.collab.Presence}, who is looking at the sheet and where.
 */
package io.contrivance.core.collab;
