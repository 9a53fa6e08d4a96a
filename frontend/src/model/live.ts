import type { JsonValue, Row } from "./types";

/** A row as events carry it: whole, without the REST metadata. */
export interface EventRow {
  id: string;
  position: number;
  version: number;
  data: Record<string, JsonValue>;
}

/** A sheet event as the socket sends it (see docs/realtime.md). */
export type SheetEvent =
  | {
      type: "row_updated";
      revision: number;
      user_id: string | null;
      op_id: string | null;
      row_id: string;
      data: Record<string, JsonValue>;
      version: number;
      position: number;
      overwritten?: Overwrite[];
    }
  | {
      type: "rows_updated";
      revision: number;
      user_id: string | null;
      op_id: string | null;
      rows: (EventRow & { changed: string[] })[];
      overwritten?: (Overwrite & { row_id: string })[];
    }
  | { type: "row_created"; revision: number; user_id: string | null; op_id: string | null; rows: EventRow[]; shifted: EventRow[] }
  | { type: "row_deleted"; revision: number; user_id: string | null; op_id: string | null; row_ids: string[] }
  | { type: "row_moved"; revision: number; user_id: string | null; op_id: string | null; row: EventRow; shifted: EventRow[] }
  | { type: "column_changed"; revision: number; user_id: string | null; op_id: string | null; reload_rows: boolean; rewritten_rows: EventRow[] };

export interface Overwrite {
  user_id: string | null;
  column_id: string;
  value: JsonValue;
  revision: number;
}

/** Someone in the sheet. */
export interface PresenceEntry {
  connection_id: string;
  user_id: string;
  name: string;
  color: string;
  selection: { from_row: string; from_column: string; to_row: string; to_column: string } | null;
  editing: boolean;
}

export type Applied = "applied" | "seen" | "gap" | "reload";

/** "seen" for an event at or before `revision`, "gap" when one between is missing, null for the next one. */
export function outOfOrder(event: SheetEvent, revision: number): "seen" | "gap" | null {
  return event.revision <= revision ? "seen" : event.revision !== revision + 1 ? "gap" : null;
}

/** What a holder of rows does with each change an event carries; {@link applyEvent} calls it. */
export interface EventTarget {
  /** A row as an event left it (its author, or null for rows moved to make room). */
  row(row: EventRow, author: string | null): void;
  /** Rows added, after `row` was called for each and for the rows shifted to make room. */
  added(count: number): void;
  deleted(ids: string[]): void;
  /** A row moved, after `row` was called for it and for the rows shifted. */
  moved(): void;
  /** A column changed, after `row` was called for each rewritten row; "reload" when every row must be read again. */
  columnChanged(reloadRows: boolean): Applied | void;
}

/** Applies an event's rows to a holder of rows: the one switch over event types. */
export function applyEvent(event: SheetEvent, target: EventTarget): Applied {
  switch (event.type) {
    case "row_updated":
      target.row({ id: event.row_id, position: event.position, version: event.version, data: event.data }, event.user_id);
      break;
    case "rows_updated":
      event.rows.forEach((r) => target.row(r, event.user_id));
      break;
    case "row_created":
      event.rows.forEach((r) => target.row(r, event.user_id));
      event.shifted.forEach((r) => target.row(r, null));
      target.added(event.rows.length);
      break;
    case "row_deleted":
      target.deleted(event.row_ids);
      break;
    case "row_moved":
      target.row(event.row, event.user_id);
      event.shifted.forEach((r) => target.row(r, null));
      target.moved();
      break;
    case "column_changed":
      if (!event.reload_rows) {
        event.rewritten_rows.forEach((r) => target.row(r, event.user_id));
      }
      return target.columnChanged(event.reload_rows) ?? "applied";
  }
  return "applied";
}

/** The values of this user that an event replaced (someone else's edit made against an older revision). */
export function overwritesOf(event: SheetEvent, userId: string): (Overwrite & { row_id: string })[] {
  if (event.user_id === userId) {
    return [];
  }
  if (event.type === "row_updated") {
    return (event.overwritten ?? []).filter((o) => o.user_id === userId).map((o) => ({ ...o, row_id: event.row_id }));
  }
  if (event.type === "rows_updated") {
    return (event.overwritten ?? []).filter((o) => o.user_id === userId);
  }
  return [];
}

/**
 * The rows of a sheet kept current by its events. Rows read through REST and events may cross (a
 * page read after an edit, its event arriving later): a row is only ever replaced by one with a
 * version at least as high, and deletions are remembered, so applying events is idempotent and
 * order-safe per row. Revisions must still arrive in order: a jump reports a gap, and the caller
 * reconnects with the last revision it has.
 */
export class SheetRows {
  private readonly byId = new Map<string, Row>();
  private readonly deleted = new Set<string>();
  revision: number;
  /** The rows in order, kept between calls: a sheet of 100,000 rows is not re-sorted for each edit of a cell. */
  private sorted: Row[] | null = null;
  private index: Map<string, number> | null = null;
  /** The last array handed out, while nothing changed (so that callers can compare by identity). */
  private handedOut: Row[] | null = null;

  constructor(rows: Row[], revision: number) {
    this.revision = revision;
    for (const row of rows) {
      this.byId.set(row.id, row);
    }
  }

  /** The rows in sheet order: a new array after any change, the same one otherwise. */
  rows(): Row[] {
    if (this.handedOut) {
      return this.handedOut;
    }
    if (!this.sorted) {
      // Pages arrive in order, so this is mostly merging sorted runs.
      this.sorted = [...this.byId.values()].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.index = new Map(this.sorted.map((r, i) => [r.id, i]));
    }
    this.handedOut = this.sorted.slice();
    return this.handedOut;
  }

  /** How many rows are here. */
  get size(): number {
    return this.byId.size;
  }

  /** Sets a row; a change of content in place keeps the order, anything else re-sorts lazily. */
  private set(row: Row): void {
    const current = this.byId.get(row.id);
    this.byId.set(row.id, row);
    this.handedOut = null;
    const at = this.index?.get(row.id);
    if (current && this.sorted && at !== undefined && current.position === row.position) {
      this.sorted[at] = row;
    } else {
      this.sorted = null;
      this.index = null;
    }
  }

  private drop(id: string): void {
    if (this.byId.delete(id)) {
      this.sorted = null;
      this.index = null;
      this.handedOut = null;
    }
    this.deleted.add(id);
  }

  /** Puts a row read some other way (a REST answer), unless a newer version is already here. */
  put(row: Row): void {
    if (this.deleted.has(row.id)) {
      return;
    }
    const current = this.byId.get(row.id);
    if (!current || current.version <= row.version) {
      this.set(row);
    }
  }

  /** Forgets a row deleted some other way (a REST answer). */
  remove(id: string): void {
    this.drop(id);
  }

  /** Applies the sheet's next event. */
  apply(event: SheetEvent): Applied {
    const order = outOfOrder(event, this.revision);
    if (order) {
      return order;
    }
    this.revision = event.revision;
    return applyEvent(event, {
      row: (row, author) => this.upsert(row, author),
      added: () => {},
      deleted: (ids) => ids.forEach((id) => this.drop(id)),
      moved: () => {},
      columnChanged: (reloadRows) => (reloadRows ? "reload" : undefined),
    });
  }

  private upsert(row: EventRow, author: string | null): void {
    this.deleted.delete(row.id);
    const current = this.byId.get(row.id);
    if (current && current.version > row.version) {
      return;
    }
    this.set(fromEvent(row, current, author));
  }
}

/** A row as an event carries it, with the metadata REST gives kept from the version known (if any). */
export function fromEvent(row: EventRow, current: Row | undefined, author: string | null): Row {
  const now = new Date().toISOString();
  return {
    created_by: current?.created_by ?? author,
    created_at: current?.created_at ?? now,
    ...current,
    id: row.id,
    position: row.position,
    version: row.version,
    data: row.data,
    updated_by: author ?? current?.updated_by ?? null,
    updated_at: current && current.version === row.version ? current.updated_at : now,
  };
}
