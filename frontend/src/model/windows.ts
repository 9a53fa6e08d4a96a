import { applyEvent, fromEvent, outOfOrder, type Applied, type EventRow, type SheetEvent } from "./live";
import type { Row } from "./types";

/** Rows of a view from one offset, and how many rows the view holds when that was asked for. */
export interface Window {
  rows: Row[];
  total: number | null;
}

/** Reads `limit` rows of the view from `offset`, counting the view's rows when `withTotal`. */
export type ReadWindow = (offset: number, limit: number, withTotal: boolean) => Promise<Window>;

interface Page {
  rows: Row[];
  /** The structure generation the page was read in: an older one is shown but read again. */
  generation: number;
  /** When the page was last on screen, for dropping the least recently seen. */
  seen: number;
}

export interface WindowOptions {
  /** Whether the view is the sheet's own order (no sort, filter or search): then events tell how many rows it holds. */
  sheetOrder: boolean;
  pageSize?: number;
  /** Pages kept at most; those furthest out of sight are dropped first. */
  capacity?: number;
}

/** Reads under way at once at most: scrolling fast past pages does not queue reads of them. */
const MAX_READS = 2;

/**
 * The rows of a view, held a page at a time around what is on screen, so that a sheet of a million
 * rows opens as fast as one of a hundred and the browser holds only what it shows. The grid asks
 * for row i ({@link rowAt}) and says what it shows ({@link show}); missing pages are read by offset,
 * the nearest first, and pages long out of sight are dropped. The view's row count is read beside
 * them; until it comes, the grid shows as far as the pages read reach.
 *
 * Events keep the held rows current: a changed row is replaced in place when its version is newer
 * (as in {@link SheetRows}); rows added, deleted or moved shift what every later offset holds, so
 * such an event marks every page stale: stale pages stay on screen and are read again. A page read
 * while events arrived is merged with what they said, row by row, by version.
 */
export class RowWindows {
  revision: number;
  /** How many rows the view holds; null until counted (the count is read beside the first pages, not before them). */
  total: number | null = null;
  /** The last read that failed, if the latest one did. */
  failure: unknown = null;

  private readonly pageSize: number;
  private readonly capacity: number;
  private readonly sheetOrder: boolean;
  private readonly pages = new Map<number, Page>();
  /** Which page holds each held row. */
  private readonly where = new Map<string, number>();
  private readonly reading = new Set<number>();
  /** Rows changed while a read was under way and not held: merged into what that read brings. */
  private readonly changedMeanwhile = new Map<string, Row>();
  /** Bumped by each change of which row sits at which offset. */
  private generation = 0;
  private needTotal = true;
  private counting = false;
  private shown: [number, number] = [0, 0];
  private clock = 0;
  private closed = false;

  constructor(
    private readonly read: ReadWindow,
    private readonly changed: () => void,
    revision: number,
    options: WindowOptions,
  ) {
    this.revision = revision;
    this.sheetOrder = options.sheetOrder;
    this.pageSize = options.pageSize ?? 250;
    this.capacity = options.capacity ?? 200;
  }

  /** The row at an offset of the view, if it is held. */
  rowAt(index: number): Row | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.rows[index % this.pageSize];
  }

  /** The offset of a held row, or -1. */
  indexOf(rowId: string): number {
    const page = this.where.get(rowId);
    const at = page === undefined ? -1 : this.pages.get(page)!.rows.findIndex((r) => r.id === rowId);
    return at < 0 ? -1 : page! * this.pageSize + at;
  }

  /** A held row by id. */
  find(rowId: string): Row | undefined {
    const page = this.where.get(rowId);
    return page === undefined ? undefined : this.pages.get(page)!.rows.find((r) => r.id === rowId);
  }

  /** How many rows are held. */
  get held(): number {
    return this.where.size;
  }

  /** The rows to show: the count, or while it is being read, as far as the pages read reach (and a page more after a full one). */
  get rowCount(): number {
    if (this.total !== null) {
      return this.total;
    }
    let reached = 0;
    for (const [p, page] of this.pages) {
      reached = Math.max(reached, p * this.pageSize + page.rows.length + (page.rows.length === this.pageSize ? this.pageSize : 0));
    }
    return reached;
  }

  /** Whether a first page has arrived. */
  get opened(): boolean {
    return this.pages.size > 0;
  }

  /** Rows `from` to `to` (inclusive) are on screen: read what is missing or stale around them. */
  show(from: number, to: number): void {
    this.shown = [Math.max(0, from), Math.max(0, to)];
    const now = ++this.clock;
    const [first, last] = this.pageRange(0);
    for (let p = first; p <= last; p++) {
      const page = this.pages.get(p);
      if (page) {
        page.seen = now;
      }
    }
    this.pump();
  }

  /** The rows from `from` to `to` (inclusive), read where they are not held (to copy a range). */
  async rowsBetween(from: number, to: number): Promise<Row[]> {
    const rows: Row[] = [];
    for (let offset = from; offset <= to;) {
      const held = this.rowAt(offset);
      const page = this.pages.get(Math.floor(offset / this.pageSize));
      if (held && page?.generation === this.generation) {
        rows.push(held);
        offset++;
        continue;
      }
      const limit = Math.min(1000, to - offset + 1);
      const window = await this.read(offset, limit, false);
      rows.push(...window.rows);
      if (window.rows.length < limit) {
        break;
      }
      offset += limit;
    }
    return rows;
  }

  /**
   * Puts a row this client read or wrote, if held here and not older than the one held. A row not
   * held (a new one, or one out of sight) is left to its event, which every write sends (replayed
   * after a reconnect): reading the screen again here as well would read it twice.
   */
  put(row: Row): void {
    const page = this.where.get(row.id);
    if (page === undefined) {
      return;
    }
    const rows = this.pages.get(page)!.rows;
    const at = rows.findIndex((r) => r.id === row.id);
    if (rows[at].version <= row.version) {
      rows[at] = row;
      this.changed();
    }
  }

  /** Applies the sheet's next event. */
  apply(event: SheetEvent): Applied {
    const order = outOfOrder(event, this.revision);
    if (order) {
      return order;
    }
    this.revision = event.revision;
    applyEvent(event, {
      row: (row, author) => this.update(row, author),
      added: (count) => this.restructure(count),
      deleted: (ids) => {
        const held = ids.filter((id) => this.drop(id)).length;
        // In a filtered view a deleted row that is not held may not have been in it.
        this.restructure(this.sheetOrder ? -ids.length : -held, !this.sheetOrder && held < ids.length);
      },
      moved: () => this.restructure(0),
      columnChanged: (reloadRows) => {
        if (reloadRows || !this.sheetOrder) {
          // Values changed everywhere (a column retyped or deleted): a view may hold other rows now.
          this.invalidate(!this.sheetOrder);
        }
      },
    });
    this.changed();
    return "applied";
  }

  /** The sheet is at `revision` and events may have been missed: read what is on screen again. */
  resync(revision: number): void {
    this.revision = Math.max(this.revision, revision);
    this.invalidate(true);
  }

  /** Every held page is stale (shown until read again); `recount` asks the view's size again. */
  invalidate(recount: boolean): void {
    this.generation++;
    this.needTotal ||= recount || this.total === null;
    this.pump();
  }

  /** Stops reading (the view or sheet was left). */
  close(): void {
    this.closed = true;
  }

  private update(row: EventRow, author: string | null): void {
    const page = this.where.get(row.id);
    if (page === undefined) {
      if (this.reading.size > 0) {
        this.changedMeanwhile.set(row.id, fromEvent(row, this.changedMeanwhile.get(row.id), author));
      }
      return;
    }
    const rows = this.pages.get(page)!.rows;
    const at = rows.findIndex((r) => r.id === row.id);
    if (rows[at].version <= row.version) {
      rows[at] = fromEvent(row, rows[at], author);
    }
  }

  /** Takes a deleted row out of its page (later rows of that page move up until it is read again). */
  private drop(rowId: string): boolean {
    const page = this.where.get(rowId);
    this.changedMeanwhile.delete(rowId);
    if (page === undefined) {
      return false;
    }
    const rows = this.pages.get(page)!.rows;
    rows.splice(
      rows.findIndex((r) => r.id === rowId),
      1,
    );
    this.where.delete(rowId);
    return true;
  }

  /** Rows were added (delta > 0), deleted (< 0) or moved: offsets changed from some row on. */
  private restructure(delta: number, recount = false): void {
    if (this.total !== null) {
      this.total = Math.max(0, this.total + delta);
    }
    this.invalidate(recount || (!this.sheetOrder && delta > 0));
  }

  /** The pages to hold: those on screen, and one more on each side when `margin` is 1. */
  private pageRange(margin: number): [number, number] {
    const lastPage = Math.max(0, Math.ceil(this.rowCount / this.pageSize) - 1);
    const first = Math.max(0, Math.floor(this.shown[0] / this.pageSize) - margin);
    const last = Math.min(lastPage, Math.floor(this.shown[1] / this.pageSize) + margin);
    return [Math.min(first, last), last];
  }

  /** Starts reads of missing or stale pages, those on screen first, while fewer than MAX_READS run. */
  private pump(): void {
    this.count();
    while (!this.closed && this.reading.size < MAX_READS) {
      const next = this.nextToRead();
      if (next === null) {
        return;
      }
      this.start(next);
    }
  }

  private nextToRead(): number | null {
    for (const margin of [0, 1]) {
      const [first, last] = this.pageRange(margin);
      for (let p = first; p <= last; p++) {
        if (!this.reading.has(p) && this.pages.get(p)?.generation !== this.generation) {
          return p;
        }
      }
    }
    return null;
  }

  /**
   * Counts the view's rows, if asked, in a read of its own: counting a filtered view of a million
   * rows reads every row, and the first pages must not wait for it.
   */
  private count(): void {
    if (!this.needTotal || this.counting || this.closed) {
      return;
    }
    const generation = this.generation;
    this.needTotal = false;
    this.counting = true;
    this.read(0, 1, true).then(
      (window) => {
        this.counting = false;
        if (this.closed) {
          return;
        }
        this.failure = null;
        this.total = window.total;
        // Counted before a change of structure arrived: count again.
        this.needTotal ||= generation !== this.generation || window.total === null;
        this.changed();
        this.pump();
      },
      (error: unknown) => {
        this.counting = false;
        this.needTotal = true;
        if (!this.closed) {
          this.failure = error;
          this.changed();
        }
      },
    );
  }

  private start(p: number): void {
    const generation = this.generation;
    this.reading.add(p);
    this.read(p * this.pageSize, this.pageSize, false).then(
      (window) => {
        this.reading.delete(p);
        if (this.closed) {
          return;
        }
        this.failure = null;
        this.store(p, window.rows, generation);
        if (this.reading.size === 0) {
          this.changedMeanwhile.clear();
        }
        this.changed();
        this.pump();
      },
      (error: unknown) => {
        this.reading.delete(p);
        if (!this.closed) {
          this.failure = error;
          this.changed();
        }
      },
    );
  }

  private store(p: number, read: Row[], generation: number): void {
    const rows = read.map((row) => {
      const known = this.find(row.id) ?? this.changedMeanwhile.get(row.id);
      return known && known.version > row.version ? { ...row, ...known } : row;
    });
    this.pages.get(p)?.rows.forEach((r) => this.where.get(r.id) === p && this.where.delete(r.id));
    this.pages.set(p, { rows, generation, seen: this.clock });
    rows.forEach((r) => this.where.set(r.id, p));
    this.evict();
  }

  /** Drops the pages seen longest ago beyond the capacity (never one in reach of the screen). */
  private evict(): void {
    if (this.pages.size <= this.capacity) {
      return;
    }
    const [first, last] = this.pageRange(1);
    const candidates = [...this.pages.entries()].filter(([p]) => p < first || p > last).sort((a, b) => a[1].seen - b[1].seen);
    for (const [p, page] of candidates.slice(0, this.pages.size - this.capacity)) {
      page.rows.forEach((r) => this.where.get(r.id) === p && this.where.delete(r.id));
      this.pages.delete(p);
    }
  }
}
