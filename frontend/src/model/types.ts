/** Wire types of the Contrivance API (see /openapi). */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface User {
  id: string;
  email: string;
  name: string;
  role: "admin" | "user";
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  user: User;
}

export interface Column {
  id: string;
  name: string;
  column_type: string;
  type_settings: { options?: string[]; currency?: string; decimals?: number; integer?: boolean; zone?: string };
  is_required: boolean;
  validation_rules: Record<string, JsonValue>;
  display_options: Record<string, string>;
}

export interface Sheet {
  id: string;
  name: string;
  description: string;
  role: "owner" | "editor" | "viewer";
  revision: number;
  row_count: number;
  columns: Column[];
  /** The read-only public link's API path, shown to the owner only; null when off. */
  public_link: string | null;
}

/** Someone a sheet is shared with, or its owner. */
export interface Collaborator {
  user_id: string;
  email: string;
  name: string;
  role: "owner" | "editor" | "viewer";
}

/** One entry of a sheet's audit log. */
export interface ActivityEntry {
  id: number;
  at: string;
  revision: number;
  action: string;
  user_id: string | null;
  user_email: string | null;
  row_id: string | null;
  column_id: string | null;
  old_value: JsonValue;
  new_value: JsonValue;
}

/** A column type the server offers now (`GET /api/column-types`): the core's and those of started plugins. */
export interface ColumnTypeInfo {
  id: string;
  label: string;
  editor: string;
  provided_by: string;
}

export interface SheetSummary {
  id: string;
  name: string;
  description: string;
  role: string;
  updated_at: string;
}

export interface Row {
  id: string;
  position: number;
  version: number;
  data: Record<string, JsonValue>;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ErrorDetail {
  field: string;
  message: string;
  code?: string;
}

/** What a change of column type does: cells converted, and each that would not (or did not) convert. */
export interface TypeChangeReport {
  column_id: string;
  from: string;
  to: string;
  converted: number;
  failures: { row_id: string; old_value: string; code: string; message: string }[];
  dropped_rules: string[];
  applied: boolean;
}

/** What a saved view keeps: the rows' sort, filters and quick search, and the columns it hides. */
export interface ViewSettings {
  sort: string | null;
  filters: string[];
  q: string | null;
  hidden: string[];
}

/** A view of a sheet saved under a name, shared with everyone who can read the sheet. */
export interface SavedView extends ViewSettings {
  id: string;
  name: string;
  created_by: string | null;
  updated_at: string;
}

/** One notification of the signed-in user (GET /api/notifications). */
export interface AppNotification {
  id: string;
  category: NotificationCategory;
  title: string;
  body: string;
  link: string | null;
  sheet_id: string | null;
  actor_id: string | null;
  created_at: string;
  read_at: string | null;
  read: boolean;
}

export type NotificationCategory = "sharing" | "assignment" | "deal_stage" | "deal_slipped" | "mention";

export type Delivery = "in_app" | "email" | "digest" | "off";

export interface Inbox {
  notifications: AppNotification[];
  unread_count: number;
}

export interface NotificationPreferences {
  preferences: Record<NotificationCategory, Delivery>;
  options: Delivery[];
}

/** An installed plugin (GET /api/admin/plugins). */
export interface PluginInfo {
  id: string;
  version: string;
  state: "started" | "disabled" | "failed";
  description: string;
  provides: string[];
  error?: string | null;
}

/** One setting of a plugin; a secret's value is never sent, only whether it is set. */
export interface PluginConfigField {
  name: string;
  kind: "string" | "integer" | "boolean" | "secret";
  required: boolean;
  description: string;
  default_value: string | null;
  value: string | null;
  set: boolean;
}

/** An import of a CSV or XLSX file into a sheet, and its progress. */
export interface ImportJob {
  id: string;
  sheet_id: string;
  state: "running" | "done" | "failed" | "cancelled" | "undoing" | "undone";
  mode: "append" | "upsert" | "replace";
  on_error: "skip" | "abort";
  dry_run: boolean;
  file_name?: string;
  file_bytes: number;
  rows_read: number;
  rows_written: number;
  rows_added: number;
  rows_updated: number;
  rows_deleted: number;
  rows_refused: number;
  rate?: number;
  progress?: number;
  seconds_left?: number;
  error?: string;
  errors: { row: number; column?: string; value?: string; reason: string }[];
  errors_url: string;
}

/** How a file would be imported: its columns, where each goes, and its first rows. */
export interface ImportPreview {
  file: { format: "csv" | "xlsx"; encoding?: string; delimiter?: string; worksheet?: string; worksheets?: string[] };
  columns: { index: number; header: string; detected_type: string; column_id?: string | null; column_name?: string | null; samples: string[] }[];
  sample_rows: string[][];
  mapping?: Record<string, string | null>;
  unmapped_columns?: { id: string; name: string }[];
}

/** What the user chose for an import. */
export interface ImportOptions {
  mode: "append" | "upsert" | "replace";
  key?: string;
  mapping?: Record<string, string | null>;
  locale?: string;
  on_error: "skip" | "abort";
  dry_run?: boolean;
}
