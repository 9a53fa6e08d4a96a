/**
 * The collaboration engine: how several people, apps and server instances edit one sheet at once
 * and agree on the result.
 *
 * <h2>The model</h2>
 *
 * <p>A sheet's history is a sequence of revisions. Every accepted edit becomes exactly one revision
 * and one {@link io.contrivance.core.sheet.SheetEvent} carrying whole rows as they are after it.
 * The order is decided by the store's commit and nothing else: a commit made against a revision
 * that is no longer current is refused by the store ({@link
 * io.contrivance.core.store.StaleRevisionException}) and the edit is decided again. So any number of
 * engines (one per server instance) may share a store and stay consistent without talking to each
 * other; a client that applies the events in order from a snapshot holds exactly the sheet's state
 * ({@link io.contrivance.core.collab.Replica}).
 *
 * <h2>Deciding and committing</h2>
 *
 * <p>{@code Sequencer} (one per sheet) decides each edit under a lock against the tentative state
 * (the committed state plus edits decided but not yet stored), which is pure computation on cached
 * rows, and <em>group-commits</em>: while one thread commits, others decide and queue theirs, and the
 * next commit takes the whole queue. No edit is acknowledged before it is durable. {@code
 * SheetEditor} holds the edits themselves (rows added, updated, placed, moved, deleted; columns
 * changed; undo and redo), each a function from a view of the tentative state to a {@code Change}.
 *
 * <h2>Concurrent edits</h2>
 *
 * <p>Edits name rows and columns by id, never by position, so edits of different cells need no
 * transformation. An edit made against an older base revision is checked against what happened
 * since ({@code Concurrency}): an edit of a row or column deleted since is refused; a row placed
 * after a row deleted since goes where that row was ({@code Placement}); two edits of one cell follow
 * the column's {@link io.contrivance.core.sheet.ConcurrentEdits} policy (last writer wins with the
 * overwritten value reported, set merge for multi-selects, or a flagged conflict).
 *
 * <h2>Undo</h2>
 *
 * <p>Each author has their own history per sheet ({@code UndoHistory}). Undo is a new edit that
 * reverses the author's last event ({@code Reversal}), refused rather than applied when someone else
 * has since changed what it would restore.
 *
 * <h2>What is public here</h2>
 *
 * <p>{@link io.contrivance.core.collab.Replica} (a client-side copy that follows a sheet's events,
 * with optimistic local edits: a product part for embedders that keep a sheet in a client) and
 * {@link io.contrivance.core.collab.Presence} (who is looking at a sheet and where). {@link
 * io.contrivance.core.collab.Engine} and {@link io.contrivance.core.collab.SheetEditor} are public
 * only because {@link io.contrivance.core.Workbook} and {@link io.contrivance.core.Sheet} live in
 * another package; embedders use those. Everything else is package-private.
 */
package io.contrivance.core.collab;
