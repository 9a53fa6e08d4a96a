import type { EventRow, PresenceEntry, SheetEvent } from "./live";
import type { CellChange, ClientMessage, Detail, EditMessage, ServerMessage } from "./protocol";
import type { JsonValue } from "./types";

export type { CellChange } from "./protocol";

/** Stands in for a socket not opened yet: every edit is refused as `offline`, so callers use REST. */
export function offline(): Pick<LiveSheet, "updateCell" | "updateCells"> {
  const refuse = () => Promise.reject(new EditRefused("offline", "Not connected"));
  return { updateCell: refuse, updateCells: refuse };
}

/**
 * An edit the server did not accept: its reason (e.g. `validation_failed`, `row_deleted`, `offline`),
 * message, and for refused values one detail per cell (`data.<column>`, or `cells.<row>.<column>`
 * for a multi-row edit).
 */
export class EditRefused extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly details: Detail[] = [],
  ) {
    super(message);
  }
}

/** What a {@link LiveSheet} tells its owner. */
export interface LiveListener {
  /** A snapshot or replay arrived (after connecting or reconnecting): the revision it brings the client to. */
  ready(revision: number, events: SheetEvent[], rows: EventRow[] | null, presence: PresenceEntry[], you: { connection_id: string; user_id: string }): void;
  /** The sheet's next event, from anyone (this client's own arrive as the events of acknowledgements). */
  event(event: SheetEvent): void;
  /** Presence changed: entries to add or replace, connections gone. */
  presence(entries: PresenceEntry[], left: string[]): void;
  /** The connection state, for showing it. */
  status(status: "connecting" | "live" | "offline"): void;
}

/** What the live clients use of a WebSocket (tests hand them a fake). */
export type Socket = Pick<WebSocket, "send" | "close" | "readyState"> & {
  onopen: ((this: WebSocket, ev: Event) => unknown) | null;
  onmessage: ((this: WebSocket, ev: MessageEvent) => unknown) | null;
  onclose: ((this: WebSocket, ev: CloseEvent) => unknown) | null;
};

/**
 * The live connection to one sheet (`/ws/spreadsheet/{id}`): authenticates with the first message,
 * resumes from the last revision after a drop (the server replays what was missed), pings so that
 * presence stays, and reconnects with backoff. The token comes from a function, so a refreshed one
 * is used on reconnect; before the token in use expires, a fresh one is sent over the socket (the
 * server closes sockets whose token expired).
 */
export class LiveSheet {
  private socket: Socket | null = null;
  private revision: number | null = null;
  private stopped = false;
  private attempts = 0;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private renewal: ReturnType<typeof setTimeout> | null = null;
  /** How long the token in use is valid for, from when it was sent. */
  private lifetime: number | null = null;
  private live = false;
  private nextOp = 0;
  private readonly pending = new Map<string, { resolve: (event: SheetEvent | undefined) => void; reject: (error: EditRefused) => void }>();

  constructor(
    private readonly sheetId: string,
    private readonly token: (fresh: boolean) => Promise<string | null>,
    private readonly listener: LiveListener,
    private readonly open: (url: string) => Socket = (url) => new WebSocket(url),
    private readonly base: string = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.pinger) {
      clearInterval(this.pinger);
    }
    if (this.renewal) {
      clearTimeout(this.renewal);
    }
    this.socket?.close(1000, "closed");
  }

  /** Sends a selection change (null: none). */
  select(selection: PresenceEntry["selection"], editing: boolean): void {
    this.send({ type: "presence", selection, editing });
  }

  /**
   * Sets one cell through the collaborative path (`update_cell`): resolves with the accepted event
   * once the server has stored it, or rejects with the server's reason. Rejects at once with reason
   * `offline` when the socket is not live, so that the caller can fall back to REST.
   */
  updateCell(rowId: string, columnId: string, value: JsonValue): Promise<SheetEvent | undefined> {
    return this.edit({ type: "update_cell", row_id: rowId, column_id: columnId, value });
  }

  /** Sets cells of several rows as one edit (`update_cells`, a paste or fill): stored whole or refused whole, undone as one. */
  updateCells(cells: CellChange[]): Promise<SheetEvent | undefined> {
    return this.edit({ type: "update_cells", cells });
  }

  /** Undoes this user's last edit of the sheet (as a new edit); refused with the reason when it cannot be. */
  undo(): Promise<SheetEvent | undefined> {
    return this.edit({ type: "undo" });
  }

  /** Makes again the edit this user last undid. */
  redo(): Promise<SheetEvent | undefined> {
    return this.edit({ type: "redo" });
  }

  private edit(message: EditMessage): Promise<SheetEvent | undefined> {
    if (!this.live || !this.socket || this.socket.readyState !== 1 || this.revision === null) {
      return Promise.reject(new EditRefused("offline", "Not connected"));
    }
    const opId = `op${++this.nextOp}`;
    const done = new Promise<SheetEvent | undefined>((resolve, reject) => this.pending.set(opId, { resolve, reject }));
    this.send({ ...message, op_id: opId, base_revision: this.revision });
    return done;
  }

  /** Asks for events from this revision on next time (after a gap). */
  resync(revision: number): void {
    this.revision = revision;
    this.socket?.close(4000, "resync");
  }

  private send(message: ClientMessage): void {
    if (this.socket && this.socket.readyState === 1) {
      this.socket.send(JSON.stringify(message));
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.listener.status("connecting");
    const token = await this.token(this.attempts > 0);
    if (!token || this.stopped) {
      this.listener.status("offline");
      return;
    }
    const socket = this.open(`${this.base}/ws/spreadsheet/${encodeURIComponent(this.sheetId)}`);
    this.socket = socket;
    this.lifetime = tokenLifetime(token);
    socket.onopen = () => {
      const auth: ClientMessage = this.revision === null ? { type: "auth", token } : { type: "auth", token, last_revision: this.revision };
      socket.send(JSON.stringify(auth));
    };
    socket.onmessage = (message) => this.receive(JSON.parse(String(message.data)) as ServerMessage);
    socket.onclose = () => {
      this.live = false;
      for (const [, waiting] of this.pending) {
        waiting.reject(new EditRefused("offline", "The connection closed before the edit was confirmed"));
      }
      this.pending.clear();
      if (this.pinger) {
        clearInterval(this.pinger);
        this.pinger = null;
      }
      if (this.renewal) {
        clearTimeout(this.renewal);
        this.renewal = null;
      }
      if (this.stopped || this.socket !== socket) {
        return;
      }
      this.listener.status("offline");
      const delay = Math.min(10_000, 250 * 2 ** this.attempts++);
      setTimeout(() => void this.connect(), delay);
    };
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case "snapshot":
      case "replay": {
        this.attempts = 0;
        this.revision = message.revision;
        const rows = message.type === "snapshot" ? (message.rows ?? null) : null;
        this.listener.ready(this.revision, message.type === "replay" ? message.events : [], rows, message.presence, message.you);
        this.live = true;
        this.listener.status("live");
        if (!this.pinger) {
          this.pinger = setInterval(() => this.send({ type: "ping" }), 15_000);
        }
        this.renewLater();
        break;
      }
      case "ack":
        if (message.event) {
          this.deliver(message.event);
        }
        this.settle(message.op_id, (waiting) => waiting.resolve(message.event));
        break;
      case "rejected":
        this.settle(message.op_id, (waiting) => waiting.reject(new EditRefused(message.reason, message.message, message.details)));
        break;
      case "conflict":
        this.settle(message.op_id, (waiting) => waiting.reject(new EditRefused(message.reason, message.message)));
        break;
      case "row_updated":
      case "rows_updated":
      case "row_created":
      case "row_deleted":
      case "row_moved":
      case "column_changed":
        this.deliver(message);
        break;
      case "presence":
        this.listener.presence(message.entries, []);
        break;
      case "user_joined":
        this.listener.presence([message], []);
        break;
      case "user_left":
        this.listener.presence([], [message.connection_id]);
        break;
      default:
        break;
    }
  }

  private settle(
    opId: string | undefined,
    action: (waiting: { resolve: (event: SheetEvent | undefined) => void; reject: (error: EditRefused) => void }) => void,
  ): void {
    const waiting = opId === undefined ? undefined : this.pending.get(opId);
    if (waiting && opId !== undefined) {
      this.pending.delete(opId);
      action(waiting);
    }
  }

  /** Sends a fresh token when four fifths of the current one's lifetime have passed. */
  private renewLater(): void {
    if (this.renewal) {
      clearTimeout(this.renewal);
    }
    if (this.lifetime === null) {
      return;
    }
    this.renewal = setTimeout(
      () => {
        this.renewal = null;
        void this.token(true).then((token) => {
          if (token && this.live) {
            this.lifetime = tokenLifetime(token);
            this.send({ type: "auth", token });
            this.renewLater();
          }
        });
      },
      Math.max(5_000, this.lifetime * 0.8),
    );
  }

  private deliver(event: SheetEvent): void {
    this.revision = Math.max(this.revision ?? 0, event.revision);
    this.listener.event(event);
  }
}

/** How long a JWT is valid for, by its own issue and expiry times (so this machine's clock does not matter); null if it does not say. */
export function tokenLifetime(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))) as { iat?: unknown; exp?: unknown };
    return typeof payload.iat === "number" && typeof payload.exp === "number" && payload.exp > payload.iat ? (payload.exp - payload.iat) * 1000 : null;
  } catch {
    return null;
  }
}
