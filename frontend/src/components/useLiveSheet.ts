import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, NO_VIEW, narrowsOrSorts, type Api, type RowView } from "../model/api";
import { overwritesOf, SheetRows, type Applied, type EventRow, type PresenceEntry, type SheetEvent } from "../model/live";
import { LiveSheet } from "../model/socket";
import type { Row, Sheet } from "../model/types";
import { RowWindows } from "../model/windows";

export type Status = "connecting" | "live" | "offline";

/** What the socket hands to whoever keeps a sheet's rows. */
interface RowFeed {
  /** (Re)connected at `revision`: the events missed since the last one seen, or a snapshot (with every row when the sheet is small). */
  ready(revision: number, events: SheetEvent[], snapshotRows: EventRow[] | null): void;
  /** The next event; a "gap" makes the socket replay from the last revision held. */
  event(event: SheetEvent): Applied;
  revision(): number;
}

/** A sheet followed on its socket: who is here, the connection, and notices. */
interface SheetSocketState {
  status: Status;
  presence: Record<string, PresenceEntry>;
  /** This browser tab's connection id, to tell itself apart from others in presence. */
  me: React.RefObject<string | null>;
  socket: React.RefObject<LiveSheet | null>;
  notice: string | null;
  setNotice: (notice: string | null) => void;
}

/**
 * Follows a sheet's socket: events go to the feed (a gap in revisions reconnects to replay what was
 * missed), columns changed anywhere re-read the sheet, and an edit of someone else that replaced this
 * user's value becomes a notice naming it.
 */
function useSheetSocket(api: Api, sheetId: string, feed: React.RefObject<RowFeed>, sheet: Sheet | null, setSheet: (sheet: Sheet) => void): SheetSocketState {
  const [notice, setNotice] = useState<string | null>(null);
  const [presence, setPresence] = useState<Record<string, PresenceEntry>>({});
  const [status, setStatus] = useState<Status>("connecting");
  const me = useRef<string | null>(null);
  /** This user's id, to tell them when someone else's edit replaced their value; and what names it. */
  const myUser = useRef<string | null>(null);
  const names = useRef<{ sheet: Sheet | null; presence: Record<string, PresenceEntry> }>({ sheet: null, presence: {} });
  useEffect(() => {
    names.current = { sheet, presence };
  });
  const socketRef = useRef<LiveSheet | null>(null);

  useEffect(() => {
    const socket = new LiveSheet(sheetId, (fresh) => api.socketToken(fresh), {
      ready(revision, events, snapshotRows, entries, you) {
        me.current = you.connection_id;
        myUser.current = you.user_id;
        feed.current?.ready(revision, events, snapshotRows);
        setPresence(Object.fromEntries(entries.map((e) => [e.connection_id, e])));
      },
      event(event) {
        if (event.type === "column_changed") {
          // Columns changed (here or by someone else): read them again.
          void api.sheet(sheetId).then(setSheet);
        }
        const replaced = myUser.current ? overwritesOf(event, myUser.current) : [];
        if (replaced.length > 0) {
          setNotice(overwriteNotice(event, replaced, names.current.sheet, names.current.presence));
        }
        if (feed.current?.event(event) === "gap") {
          socket.resync(feed.current.revision());
        }
      },
      presence(entries, left) {
        setPresence((current) => {
          const next = { ...current };
          entries.forEach((e) => (next[e.connection_id] = e));
          left.forEach((id) => delete next[id]);
          return next;
        });
      },
      status: setStatus,
    });
    socketRef.current = socket;
    socket.start();
    return () => {
      socketRef.current = null;
      socket.stop();
    };
  }, [api, sheetId, feed, setSheet]);

  return { status, presence, me, socket: socketRef, notice, setNotice };
}

/** A sheet kept live with every row in the browser (the pipeline board lays them all out). */
export interface LiveSheetState extends SheetSocketState {
  sheet: Sheet | null;
  rows: Row[];
  /** Puts a row this client read or wrote (kept only if at least as new as the one known). */
  put: (row: Row) => void;
}

/**
 * Opens a sheet with all its rows: the first page over REST, the rest streamed a page at a time,
 * merged with socket events (a row is only replaced by one at least as new); a snapshot too large to
 * carry rows triggers a re-read.
 */
export function useLiveSheet(api: Api, sheetId: string): LiveSheetState {
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const live = useRef<SheetRows>(new SheetRows([], 0));
  const show = useCallback(() => setRows(live.current.rows()), []);
  /** Which read is current: a newer one (or leaving the sheet) stops an older one streaming. */
  const generation = useRef(0);
  /** Whether a first page is on its way (a snapshot arriving meanwhile needs no read of its own). */
  const reading = useRef(false);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    reading.current = true;
    const [loaded, first] = await Promise.all([api.sheet(sheetId), api.rowsPage(sheetId, undefined, 1000)]).finally(() => {
      if (generation.current === mine) {
        reading.current = false;
      }
    });
    // Merged, not replaced: events may have arrived on the socket while the page was read.
    first.rows.forEach((row) => live.current.put(row));
    live.current.revision = Math.max(live.current.revision, loaded.revision);
    setSheet(loaded);
    show();
    let next = first.next;
    while (next !== null && generation.current === mine) {
      const page = await api.rowsPage(sheetId, next, 1000);
      if (generation.current !== mine) {
        return;
      }
      page.rows.forEach((row) => live.current.put(row));
      next = page.next;
      show();
    }
  }, [api, sheetId, show]);

  const feed = useRef<RowFeed>({
    ready(revision, events, snapshotRows) {
      if (snapshotRows !== null) {
        // A snapshot with every row: the whole state at that revision.
        const previous = new Map(live.current.rows().map((r) => [r.id, r]));
        const next = new SheetRows([], revision);
        for (const row of snapshotRows) {
          next.put({ created_by: null, updated_by: null, created_at: "", updated_at: "", ...previous.get(row.id), ...row });
        }
        live.current = next;
      } else if (events.length > 0) {
        // A replay of what was missed while disconnected.
        events.forEach((event) => live.current.apply(event));
      } else if (revision > live.current.revision && !reading.current) {
        // A snapshot of a sheet too large to send whole: read the rows again. (A read already
        // under way is kept: should it end before this revision, the next event shows the gap
        // and the socket replays what is missing.)
        live.current = new SheetRows([], revision);
        void reloadRef.current();
      }
      show();
    },
    event(event) {
      const applied = live.current.apply(event);
      if (applied === "reload") {
        void reloadRef.current();
      } else if (applied === "applied") {
        show();
      }
      return applied;
    },
    revision: () => live.current.revision,
  });
  const reloadRef = useRef(reload);
  useEffect(() => {
    reloadRef.current = reload;
  }, [reload]);

  const state = useSheetSocket(api, sheetId, feed, sheet, setSheet);
  const { setNotice } = state;
  useEffect(() => {
    reload().catch((e: unknown) => setNotice(e instanceof ApiError ? e.message : "Could not load the sheet"));
    const reads = generation;
    return () => {
      // Leaving the sheet stops the read streaming.
      reads.current++;
    };
  }, [reload, setNotice]);

  const put = useCallback(
    (row: Row) => {
      live.current.put(row);
      show();
    },
    [show],
  );
  return { ...state, sheet, rows, put };
}

/** A sheet kept live for the grid: the rows of a view held a window at a time around what is on screen. */
export interface SheetWindowsState extends SheetSocketState {
  sheet: Sheet | null;
  /** The view's rows (null until the view opens); `version` changes whenever what they hold does. */
  windows: RowWindows | null;
  version: number;
  put: (row: Row) => void;
  /** Reads the sheet again (after its columns or sharing changed here). */
  reload: () => Promise<void>;
}

/**
 * Opens a sheet for the grid: the sheet over REST, the view's rows a window at a time as the grid
 * shows them (a million-row sheet costs what one screen of it costs), kept current by socket events.
 * Another view starts from a fresh set of windows.
 */
export function useSheetWindows(api: Api, sheetId: string, view: RowView = NO_VIEW): SheetWindowsState {
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  // The view as a value: a new object with the same sort and filters is the same view.
  const viewKey = JSON.stringify(view);
  const windowsFor = useCallback(
    (key: string, revision: number) => {
      const current = JSON.parse(key) as RowView;
      return new RowWindows((offset, limit, withTotal) => api.rowsWindow(sheetId, offset, limit, current, withTotal), changed, revision, {
        sheetOrder: !narrowsOrSorts(current),
      });
    },
    [api, sheetId, changed],
  );
  const [windows, setWindows] = useState<RowWindows | null>(null);
  /** The current windows, for socket events and reads (null until the first view opens). */
  const live = useRef<RowWindows | null>(null);
  useEffect(() => {
    const next = windowsFor(viewKey, live.current?.revision ?? 0);
    live.current = next;
    setWindows(next);
    // The first page says how many rows the view holds; the grid asks for the rest as it shows them.
    next.show(0, 0);
    return () => next.close();
  }, [viewKey, windowsFor]);

  const reload = useCallback(async () => {
    const loaded = await api.sheet(sheetId);
    setSheet(loaded);
    live.current?.resync(loaded.revision);
  }, [api, sheetId]);

  const feed = useRef<RowFeed>({
    ready(revision, events) {
      const windows = live.current;
      if (windows && events.length > 0) {
        events.forEach((event) => windows.apply(event));
      } else if (windows && revision > windows.revision && windows.opened) {
        // A snapshot: events may have been missed; what is on screen is read again. (While the first
        // window is still on its way it needs no second read: should it be older than the snapshot,
        // the next event shows a gap from the sheet's revision and the socket replays what it missed.)
        windows.resync(revision);
      }
    },
    event: (event) => live.current?.apply(event) ?? "seen",
    revision: () => live.current?.revision ?? 0,
  });

  const state = useSheetSocket(api, sheetId, feed, sheet, setSheet);
  const { setNotice } = state;
  useEffect(() => {
    api
      .sheet(sheetId)
      .then((loaded) => {
        setSheet(loaded);
        if (live.current) {
          live.current.revision = Math.max(live.current.revision, loaded.revision);
        }
      })
      .catch((e: unknown) => setNotice(e instanceof ApiError ? e.message : "Could not load the sheet"));
  }, [api, sheetId, setNotice]);

  const put = useCallback((row: Row) => live.current?.put(row), []);
  return { ...state, sheet, windows, version, put, reload };
}

/** "Ada's edit replaced your value of Next Step ("Call Monday")." */
function overwriteNotice(event: SheetEvent, replaced: ReturnType<typeof overwritesOf>, sheet: Sheet | null, presence: Record<string, PresenceEntry>): string {
  const who = Object.values(presence).find((p) => p.user_id === event.user_id)?.name ?? "Someone";
  const what = replaced
    .map(
      (o) =>
        `${sheet?.columns.find((c) => c.id === o.column_id)?.name ?? o.column_id} (${typeof o.value === "string" ? `"${o.value}"` : JSON.stringify(o.value)})`,
    )
    .join(", ");
  return `${who}'s edit replaced your value of ${what}.`;
}
