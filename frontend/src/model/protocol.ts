/**
 * The live-editing protocol's messages as types (docs/realtime.md), mirroring the server's
 * `ClientMessage` and `ServerMessage` records: what this client may send, and what it may receive.
 */
import type { EventRow, PresenceEntry, SheetEvent } from "./live";
import type { JsonValue } from "./types";

/** One cell of a multi-row edit. */
export interface CellChange {
  row_id: string;
  column_id: string;
  value: JsonValue;
}

/** A change to the sheet, before the socket gives it its `op_id` and `base_revision`. */
export type EditMessage =
  | { type: "update_cell"; row_id: string; column_id: string; value: JsonValue }
  | { type: "update_cells"; cells: CellChange[] }
  | { type: "insert_row"; after_row_id: string | null; row_id?: string; data: Record<string, JsonValue> }
  | { type: "delete_row"; row_id: string }
  | { type: "move_row"; row_id: string; after_row_id: string | null }
  | { type: "undo" }
  | { type: "redo" };

/** Everything the client sends. */
export type ClientMessage =
  | { type: "auth"; token: string; last_revision?: number }
  | { type: "ping" }
  | { type: "presence"; selection: PresenceEntry["selection"]; editing: boolean }
  | (EditMessage & { op_id: string; base_revision: number });

/** A field the server found wrong: a cell (`data.<column>`, `cells.<row>.<column>`) or a part of the message. */
export interface Detail {
  field: string;
  message: string;
  code?: string;
}

/** Who this connection is, as the server sees it. */
export interface You {
  user_id: string;
  connection_id: string;
  role: string;
  color: string;
  token_expires_at: string;
}

/** Everything the server sends: its answers, presence, and the sheet's events. */
export type ServerMessage =
  | { type: "snapshot"; revision: number; rows_included: boolean; rows?: EventRow[]; presence: PresenceEntry[]; you: You }
  | { type: "replay"; from_revision: number; revision: number; events: SheetEvent[]; presence: PresenceEntry[]; you: You }
  | { type: "ack"; op_id: string; revision: number; event?: SheetEvent; unchanged?: true }
  | { type: "rejected"; op_id?: string; reason: string; message: string; details: Detail[] }
  | { type: "conflict"; op_id: string; reason: string; message: string; row: EventRow }
  | { type: "error"; code: string; message: string; details?: Detail[] }
  | { type: "presence"; entries: PresenceEntry[] }
  | ({ type: "user_joined" } & PresenceEntry)
  | ({ type: "user_left" } & PresenceEntry)
  | { type: "pong" }
  | { type: "auth_ok"; expires_at: string }
  | SheetEvent;
