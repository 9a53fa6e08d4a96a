import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, NO_VIEW, narrowsOrSorts, type Api, type RowView } from "../model/api";
import { overwritesOf, SheetRows, type PresenceEntry, type SheetEvent } from "../model/live";
import { LiveSheet } from "../model/socket";
import type { Row, Sheet } from "../model/types";

export type Status = "connecting" | "live" | "offline";

/** A sheet kept live: its rows as REST read them and socket events change them, who is here, and the socket. */
export interface LiveSheetState {
  sheet: Sheet | null;
  rows: Row[];
  /** Whether more rows are still streaming in after the first window. */
  streaming: boolean;
  status: Status;
  presence: Record<string, PresenceEntry>;
  /** This browser tab's connection id, to tell itself apart from others in presence. */
  me: React.RefObject<string | null>;
  socket: React.RefObject<LiveSheet | null>;
  notice: string | null;
  setNotice: (notice: string | null) => void;
  /** Puts a row this client read or wrote (kept only if at least as new as the one known). */
  put: (row: Row) => void;
  remove: (rowId: string) => void;
  reload: () => Promise<void>;
}

/**
 * Opens a sheet: reads it and its first rows over REST and follows its events on the socket. REST
 * pages and events are merged (a row is only replaced by one at least as new), a gap in revisions
 * reconnects to replay what was missed, and a snapshot too large to carry rows triggers a re-read.
 */
export function useLiveSheet(api: Api, sheetId: string, view: RowView = NO_VIEW): LiveSheetState {
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [presence, setPresence] = useState<Record<string, PresenceEntry>>({});
  const [status, setStatus] = useState<Status>("connecting");
  const [streaming, setStreaming] = useState(true);
  const live = useRef<SheetRows>(new SheetRows([], 0));
  const me = useRef<string | null>(null);
  /** This user's id, to tell them when someone else's edit replaced their value; and what names it. */
  const myUser = useRef<string | null>(null);
  const names = useRef<{ sheet: Sheet | null; presence: Record<string, PresenceEntry> }>({ sheet: null, presence: {} });
  useEffect(() => {
    names.current = { sheet, presence };
  });
  const socketRef = useRef<LiveSheet | null>(null);

  const show = useCallback(() => setRows(live.current.rows()), []);

  /** Which read is current: a newer one (or leaving the sheet) stops an older one streaming. */
  const generation = useRef(0);

  /** Whether a first page is on its way (a snapshot arriving meanwhile needs no read of its own). */
  const reading = useRef(false);

  // The view as a value: a new object with the same sort and filters is the same view.
  const viewKey = JSON.stringify(view);
  const viewed = useRef<string | null>(null);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const current = JSON.parse(viewKey) as RowView;
    if (viewed.current !== viewKey) {
      // Another view: its rows come in the server's order, from scratch.
      viewed.current = viewKey;
      live.current = new SheetRows([], live.current.revision, { keepArrivalOrder: narrowsOrSorts(current) });
    }
    setStreaming(true);
    reading.current = true;
    const [loaded, first] = await Promise.all([api.sheet(sheetId), api.rowsPage(sheetId, undefined, 1000, current)]).finally(() => {
      if (generation.current === mine) {
        reading.current = false;
      }
    });
    // Merged, not replaced: events may have arrived on the socket while the page was read.
    first.rows.forEach((row) => live.current.put(row));
    live.current.revision = Math.max(live.current.revision, loaded.revision);
    setSheet(loaded);
    show();
    // The rest streams in a window at a time, in sheet order, while the first rows are on screen.
    let next = first.next;
    while (next !== null && generation.current === mine) {
      const page = await api.rowsPage(sheetId, next, 1000, current);
      if (generation.current !== mine) {
        return;
      }
      page.rows.forEach((row) => live.current.put(row));
      next = page.next;
      show();
    }
    if (generation.current === mine) {
      setStreaming(false);
    }
  }, [api, sheetId, show, viewKey]);

  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  useEffect(() => {
    reload().catch((e: unknown) => setNotice(e instanceof ApiError ? e.message : "Could not load the sheet"));
  }, [reload]);

  // The socket stays open across views; it reaches the current read through this.
  const reloadRef = useRef(reload);
  useEffect(() => {
    reloadRef.current = reload;
  }, [reload]);

  useEffect(() => {
    const socket = new LiveSheet(sheetId, (fresh) => api.socketToken(fresh), {
      ready(revision, events, snapshotRows, entries, you) {
        me.current = you.connection_id;
        myUser.current = you.user_id;
        const inView = viewed.current !== null && narrowsOrSorts(JSON.parse(viewed.current) as RowView);
        if (inView && events.length === 0) {
          // A sorted or filtered view is read over REST (a snapshot's rows are the whole sheet).
          if (revision > live.current.revision && !reading.current) {
            viewed.current = null;
            void reloadRef.current();
          }
        } else if (snapshotRows !== null) {
          // A snapshot with every row: the whole state at that revision.
          const previous = new Map(live.current.rows().map((r) => [r.id, r]));
          const next = new SheetRows([], revision);
          for (const row of snapshotRows) {
            next.put({ created_by: null, updated_by: null, created_at: "", updated_at: "", ...previous.get(row.id), ...row });
          }
          live.current = next;
        } else if (events.length > 0) {
          // A replay of what was missed while disconnected.
          for (const event of events) {
            live.current.apply(event);
          }
        } else if (revision > live.current.revision && !reading.current) {
          // A snapshot of a sheet too large to send whole: read the rows again. (A read already
          // under way is kept: should it end before this revision, the next event shows the gap
          // and the socket replays what is missing.)
          live.current = new SheetRows([], revision);
          void reloadRef.current();
        }
        setPresence(Object.fromEntries(entries.map((e) => [e.connection_id, e])));
        show();
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
        const applied = live.current.apply(event);
        if (applied === "gap") {
          socket.resync(live.current.revision);
        } else if (applied === "reload") {
          void reloadRef.current();
        } else {
          show();
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
  }, [api, sheetId, show]);

  const put = useCallback(
    (row: Row) => {
      live.current.put(row);
      show();
    },
    [show],
  );
  const remove = useCallback(
    (rowId: string) => {
      live.current.remove(rowId);
      show();
    },
    [show],
  );

  return { sheet, rows, streaming, status, presence, me, socket: socketRef, notice, setNotice, put, remove, reload };
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
