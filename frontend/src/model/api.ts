import type { Dashboard, ForecastSettings } from "./forecast";
import type { Window } from "./windows";
import type {
  ActivityEntry,
  AppNotification,
  Collaborator,
  Column,
  ColumnTypeInfo,
  Delivery,
  ErrorDetail,
  ImportJob,
  ImportOptions,
  ImportPreview,
  Inbox,
  JsonValue,
  NotificationCategory,
  NotificationPreferences,
  PluginConfigField,
  PluginInfo,
  Row,
  SavedView,
  Sheet,
  SheetSummary,
  Tokens,
  TypeChangeReport,
  User,
  ViewSettings,
} from "./types";

/** An error answer of the API: status, stable code, message and field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  /** The message for a cell, from a detail such as `data.deal_value`. */
  detailFor(columnId: string): ErrorDetail | undefined {
    return this.details.find((d) => d.field === `data.${columnId}`);
  }
}

/** Keeps the session: the access token in memory, the refresh token in session storage. */
export interface TokenStore {
  access?: string;
  refresh(): string | null;
  save(tokens: Tokens): void;
  clear(): void;
}

export function sessionTokenStore(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">): TokenStore {
  const key = "contrivance.refresh";
  return {
    access: undefined,
    refresh: () => storage.getItem(key),
    save(tokens) {
      this.access = tokens.access_token;
      storage.setItem(key, tokens.refresh_token);
    },
    clear() {
      this.access = undefined;
      storage.removeItem(key);
    },
  };
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** What went wrong, for people: the server's message and its field details, or that it cannot be reached. */
export function problemText(e: unknown): string {
  if (e instanceof ApiError) {
    return [e.message, ...e.details.map((d) => d.message)].join(" — ");
  }
  return "The server cannot be reached";
}

/** How the grid shows rows, done by the server: `sort=column[:desc]`, `filter=column:op:value` and a quick search. */
export interface RowView {
  sort?: string;
  filters: string[];
  /** Quick search: rows with any cell containing this text. */
  q?: string;
}

/** Whether a view shows a subset or another order of the sheet's rows. */
export function narrowsOrSorts(view: RowView): boolean {
  return view.sort !== undefined || view.filters.length > 0 || (view.q ?? "") !== "";
}

export const NO_VIEW: RowView = { filters: [] };

/** The query of a read of the view's rows. */
function viewQuery(view: RowView, limit: number): URLSearchParams {
  const query = new URLSearchParams({ limit: String(limit) });
  if (view.sort) {
    query.set("sort", view.sort);
  }
  view.filters.forEach((f) => query.append("filter", f));
  if (view.q) {
    query.set("q", view.q);
  }
  return query;
}

/** The answer envelope: `{"success":true,"data":…}` or `{"success":false,"error":{…}}`. */
interface Envelope<T> {
  success: boolean;
  data?: T;
  pagination?: { next_cursor?: string; total?: number };
  error?: { code?: string; message?: string; details?: ErrorDetail[] };
}

/** The REST API. On a 401 it refreshes the session once and retries. */
export class Api {
  constructor(
    private readonly tokens: TokenStore,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {}

  register(email: string, password: string, name: string): Promise<Tokens> {
    return this.call<Tokens>("POST", "/api/auth/register", { email, password, name }, false).then((t) => this.keep(t));
  }

  login(email: string, password: string): Promise<Tokens> {
    return this.call<Tokens>("POST", "/api/auth/login", { email, password }, false).then((t) => this.keep(t));
  }

  /** Restores a session from the stored refresh token, if there is one. */
  async resume(): Promise<User | null> {
    if (!this.tokens.refresh()) {
      return null;
    }
    try {
      await this.refresh();
      return await this.call<User>("GET", "/api/auth/validate");
    } catch {
      this.tokens.clear();
      return null;
    }
  }

  async logout(): Promise<void> {
    try {
      await this.call("POST", "/api/auth/logout");
    } finally {
      this.tokens.clear();
    }
  }

  /** Every column type available now, plugins' included. */
  columnTypes(): Promise<ColumnTypeInfo[]> {
    return this.call<ColumnTypeInfo[]>("GET", "/api/column-types");
  }

  sheets(): Promise<SheetSummary[]> {
    return this.call<SheetSummary[]>("GET", "/api/spreadsheets");
  }

  createFromTemplate(name: string): Promise<Sheet> {
    return this.call<Sheet>("POST", "/api/spreadsheets", { name, template: "sales_pipeline" });
  }

  /** The sheet's saved views, by name. */
  views(sheetId: string): Promise<SavedView[]> {
    return this.call<SavedView[]>("GET", `/api/spreadsheets/${encodeURIComponent(sheetId)}/views`);
  }

  saveView(sheetId: string, view: ViewSettings & { name: string }): Promise<SavedView> {
    return this.call<SavedView>("POST", `/api/spreadsheets/${encodeURIComponent(sheetId)}/views`, view);
  }

  updateView(sheetId: string, viewId: string, view: ViewSettings & { name: string }): Promise<SavedView> {
    return this.call<SavedView>("PUT", `/api/spreadsheets/${encodeURIComponent(sheetId)}/views/${encodeURIComponent(viewId)}`, view);
  }

  deleteView(sheetId: string, viewId: string): Promise<void> {
    return this.call("DELETE", `/api/spreadsheets/${encodeURIComponent(sheetId)}/views/${encodeURIComponent(viewId)}`);
  }

  sheet(id: string): Promise<Sheet> {
    return this.call<Sheet>("GET", `/api/spreadsheets/${encodeURIComponent(id)}`);
  }

  /** A page of rows of the view and the cursor of the next page (none after the last). */
  async rowsPage(sheetId: string, cursor?: string, limit = 1000, view: RowView = NO_VIEW): Promise<{ rows: Row[]; next: string | null }> {
    const query = viewQuery(view, limit);
    if (cursor !== undefined) {
      query.set("cursor", cursor);
    }
    const envelope = await this.envelope<Row[]>("GET", `/api/spreadsheets/${encodeURIComponent(sheetId)}/rows?${query}`);
    return { rows: envelope.data ?? [], next: envelope.pagination?.next_cursor ?? null };
  }

  /** Rows of the view from an offset (0 is the first), and how many rows it holds when `withTotal`. */
  async rowsWindow(sheetId: string, offset: number, limit: number, view: RowView, withTotal: boolean): Promise<Window> {
    const query = viewQuery(view, limit);
    query.set("offset", String(offset));
    if (withTotal) {
      query.set("total", "true");
    }
    const envelope = await this.envelope<Row[]>("GET", `/api/spreadsheets/${encodeURIComponent(sheetId)}/rows?${query}`);
    return { rows: envelope.data ?? [], total: envelope.pagination?.total ?? null };
  }

  addRow(sheetId: string, data: Record<string, JsonValue>): Promise<Row> {
    return this.call<Row>("POST", `/api/spreadsheets/${encodeURIComponent(sheetId)}/rows`, { data });
  }

  updateRow(sheetId: string, row: Row, data: Record<string, JsonValue>): Promise<Row> {
    return this.call<Row>("PATCH", `/api/spreadsheets/${encodeURIComponent(sheetId)}/rows/${encodeURIComponent(row.id)}`, {
      data,
      version: row.version,
    });
  }

  row(sheetId: string, rowId: string): Promise<Row> {
    return this.call<Row>("GET", `/api/spreadsheets/${encodeURIComponent(sheetId)}/rows/${encodeURIComponent(rowId)}`);
  }

  deleteRow(sheetId: string, rowId: string): Promise<unknown> {
    return this.call("DELETE", `/api/spreadsheets/${encodeURIComponent(sheetId)}/rows/${encodeURIComponent(rowId)}`);
  }

  addColumn(sheetId: string, column: { name: string; column_type: string; options?: string[]; type_settings?: Record<string, JsonValue> }): Promise<Column> {
    return this.call<Column>("POST", `/api/spreadsheets/${encodeURIComponent(sheetId)}/columns`, column);
  }

  /** Renames a column or moves it to a position (0 is first). */
  updateColumn(
    sheetId: string,
    columnId: string,
    change: { name?: string; position?: number; is_required?: boolean; validation_rules?: Record<string, JsonValue> },
  ): Promise<Column> {
    return this.call<Column>("PATCH", `/api/spreadsheets/${encodeURIComponent(sheetId)}/columns/${encodeURIComponent(columnId)}`, change);
  }

  /** Changes a column's type, or with `preview` only reports which cells would not convert. */
  changeColumnType(
    sheetId: string,
    columnId: string,
    change: {
      column_type: string;
      options?: string[];
      type_settings?: Record<string, JsonValue>;
      policy?: "reject_if_lossy" | "clear_unconvertible";
      preview?: boolean;
    },
  ): Promise<TypeChangeReport> {
    return this.call<TypeChangeReport>("PUT", `/api/spreadsheets/${encodeURIComponent(sheetId)}/columns/${encodeURIComponent(columnId)}/type`, change);
  }

  deleteColumn(sheetId: string, columnId: string): Promise<unknown> {
    return this.call("DELETE", `/api/spreadsheets/${encodeURIComponent(sheetId)}/columns/${encodeURIComponent(columnId)}`);
  }

  collaborators(sheetId: string): Promise<Collaborator[]> {
    return this.call<Collaborator[]>("GET", `/api/spreadsheets/${encodeURIComponent(sheetId)}/collaborators`);
  }

  share(sheetId: string, email: string, role: "viewer" | "editor"): Promise<Collaborator> {
    return this.call<Collaborator>("POST", `/api/spreadsheets/${encodeURIComponent(sheetId)}/collaborators`, { email, role });
  }

  unshare(sheetId: string, userId: string): Promise<unknown> {
    return this.call("DELETE", `/api/spreadsheets/${encodeURIComponent(sheetId)}/collaborators/${encodeURIComponent(userId)}`);
  }

  /** Turns the read-only public link on (a new one replaces the old) and returns its API path. */
  enablePublicLink(sheetId: string): Promise<{ token: string; path: string }> {
    return this.call("POST", `/api/spreadsheets/${encodeURIComponent(sheetId)}/public-link`);
  }

  disablePublicLink(sheetId: string): Promise<unknown> {
    return this.call("DELETE", `/api/spreadsheets/${encodeURIComponent(sheetId)}/public-link`);
  }

  /** The newest entries of the sheet's audit log, or of one row's history. */
  activity(sheetId: string, rowId?: string, limit = 50): Promise<ActivityEntry[]> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (rowId) {
      query.set("row_id", rowId);
    }
    return this.call<ActivityEntry[]>("GET", `/api/spreadsheets/${encodeURIComponent(sheetId)}/activity?${query}`);
  }

  forecastSettings(sheetId: string): Promise<ForecastSettings> {
    return this.call<ForecastSettings>("GET", `/api/spreadsheets/${encodeURIComponent(sheetId)}/forecast/settings`);
  }

  /** Everything the dashboard shows, for the period holding today (or `date`), the team's or one owner's. */
  dashboard(sheetId: string, query: { period: "month" | "quarter" | "year"; owner?: string; date?: string }): Promise<Dashboard> {
    const params = new URLSearchParams({ period: query.period });
    if (query.owner) {
      params.set("owner", query.owner);
    }
    if (query.date) {
      params.set("date", query.date);
    }
    return this.call<Dashboard>("GET", `/api/spreadsheets/${encodeURIComponent(sheetId)}/forecast/dashboard?${params}`);
  }

  /** The view's rows as a file (the shown columns, in order), with the name the server gave it. */
  async exportFile(sheetId: string, format: "csv" | "xlsx", view: RowView, columns: string[]): Promise<{ blob: Blob; fileName: string }> {
    const query = viewQuery(view, 1);
    query.delete("limit");
    query.set("format", format);
    query.set("columns", columns.join(","));
    if (format === "csv") {
      query.set("bom", "true");
    }
    const path = `/api/spreadsheets/${encodeURIComponent(sheetId)}/export?${query}`;
    const send = () => this.fetcher(path, { method: "GET", headers: this.tokens.access ? { Authorization: `Bearer ${this.tokens.access}` } : {} });
    let response = await send();
    if (response.status === 401 && this.tokens.refresh()) {
      await this.refresh();
      response = await send();
    }
    if (!response.ok) {
      const json = (await response.json().catch(() => null)) as Envelope<unknown> | null;
      throw new ApiError(
        response.status,
        json?.error?.code ?? "http_" + response.status,
        json?.error?.message ?? response.statusText,
        json?.error?.details ?? [],
      );
    }
    const disposition = response.headers.get("Content-Disposition") ?? "";
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `export.${format}`;
    return { blob: await response.blob(), fileName };
  }

  /** How the file would be imported into the sheet: its columns, where each goes, its first rows. */
  importPreview(sheetId: string, file: File, options: Partial<ImportOptions> = {}): Promise<ImportPreview> {
    return this.call("POST", `/api/spreadsheets/${encodeURIComponent(sheetId)}/imports/preview`, importForm(file, options));
  }

  /**
   * Uploads the file and starts importing it (a job on the server); the idempotency key makes a
   * retried upload answer the first import instead of importing again.
   */
  startImport(sheetId: string, file: File, options: ImportOptions, idempotencyKey: string): Promise<ImportJob> {
    return this.call("POST", `/api/spreadsheets/${encodeURIComponent(sheetId)}/imports`, importForm(file, options), true, {
      "Idempotency-Key": idempotencyKey,
    });
  }

  importJob(id: string): Promise<ImportJob> {
    return this.call("GET", `/api/imports/${encodeURIComponent(id)}`);
  }

  cancelImport(id: string): Promise<ImportJob> {
    return this.call("POST", `/api/imports/${encodeURIComponent(id)}/cancel`);
  }

  /** Takes a finished import back as one step (as a job: follow it with importJob). */
  undoImport(id: string): Promise<ImportJob> {
    return this.call("POST", `/api/imports/${encodeURIComponent(id)}/undo`);
  }

  /** The report of every refused cell, as a CSV file. */
  async importErrors(id: string): Promise<Blob> {
    const path = `/api/imports/${encodeURIComponent(id)}/errors`;
    const send = () => this.fetcher(path, { method: "GET", headers: this.tokens.access ? { Authorization: `Bearer ${this.tokens.access}` } : {} });
    let response = await send();
    if (response.status === 401 && this.tokens.refresh()) {
      await this.refresh();
      response = await send();
    }
    if (!response.ok) {
      throw new ApiError(response.status, "http_" + response.status, response.statusText);
    }
    return response.blob();
  }

  /** The newest notifications (optionally of one category, or only unread ones), and the unread count. */
  notifications(query: { limit?: number; category?: string; unread?: boolean } = {}): Promise<Inbox> {
    const params = new URLSearchParams({ limit: String(query.limit ?? 50) });
    if (query.category) {
      params.set("category", query.category);
    }
    if (query.unread) {
      params.set("unread", "true");
    }
    return this.call<Inbox>("GET", `/api/notifications?${params}`);
  }

  markNotificationRead(id: string): Promise<AppNotification> {
    return this.call<AppNotification>("PUT", `/api/notifications/${encodeURIComponent(id)}/read`);
  }

  markAllNotificationsRead(): Promise<{ marked: number; unread_count: number }> {
    return this.call("PUT", "/api/notifications/mark-all-read");
  }

  notificationPreferences(): Promise<NotificationPreferences> {
    return this.call<NotificationPreferences>("GET", "/api/notifications/preferences");
  }

  setNotificationPreferences(preferences: Partial<Record<NotificationCategory, Delivery>>): Promise<NotificationPreferences> {
    return this.call<NotificationPreferences>("PUT", "/api/notifications/preferences", { preferences });
  }

  /** Admins: the installed plugins. */
  plugins(): Promise<PluginInfo[]> {
    return this.call<PluginInfo[]>("GET", "/api/admin/plugins");
  }

  /** Admins: installs a plugin jar, sent as the multipart field `file`. */
  installPlugin(file: Blob, fileName: string): Promise<PluginInfo> {
    const form = new FormData();
    form.append("file", file, fileName);
    return this.call<PluginInfo>("POST", "/api/admin/plugins", form);
  }

  setPluginEnabled(id: string, enabled: boolean): Promise<PluginInfo> {
    return this.call<PluginInfo>("POST", `/api/admin/plugins/${encodeURIComponent(id)}/${enabled ? "enable" : "disable"}`);
  }

  removePlugin(id: string): Promise<unknown> {
    return this.call("DELETE", `/api/admin/plugins/${encodeURIComponent(id)}`);
  }

  pluginConfig(id: string): Promise<{ id: string; fields: PluginConfigField[] }> {
    return this.call("GET", `/api/admin/plugins/${encodeURIComponent(id)}/config`);
  }

  configurePlugin(id: string, values: Record<string, JsonValue>): Promise<{ id: string; fields: PluginConfigField[] }> {
    return this.call("PUT", `/api/admin/plugins/${encodeURIComponent(id)}/config`, values);
  }

  /**
   * An access token for the live socket: the current one, or a freshly refreshed one (after the
   * socket was closed, possibly because the token expired). Null when signed out.
   */
  async socketToken(fresh: boolean): Promise<string | null> {
    if (fresh || !this.tokens.access) {
      try {
        await this.refresh();
      } catch {
        return null;
      }
    }
    return this.tokens.access ?? null;
  }

  private keep(tokens: Tokens): Tokens {
    this.tokens.save(tokens);
    return tokens;
  }

  private async refresh(): Promise<void> {
    const refreshToken = this.tokens.refresh();
    if (!refreshToken) {
      throw new ApiError(401, "unauthorized", "Sign in first");
    }
    this.keep(await this.call<Tokens>("POST", "/api/auth/refresh", { refresh_token: refreshToken }, false));
  }

  /**
   * One request. `authenticated` calls carry the access token and, on a 401, refresh the session
   * once and retry; public calls (sign-in, refresh) carry no token at all.
   */
  private async call<T>(method: string, path: string, body?: unknown, authenticated = true, extra: Record<string, string> = {}): Promise<T> {
    return (await this.envelope<T>(method, path, body, authenticated, false, extra)).data as T;
  }

  private async envelope<T>(
    method: string,
    path: string,
    body?: unknown,
    authenticated = true,
    retried = false,
    extra: Record<string, string> = {},
  ): Promise<Envelope<T>> {
    const headers: Record<string, string> = { Accept: "application/json", ...extra };
    const form = typeof FormData !== "undefined" && body instanceof FormData;
    if (body !== undefined && !form) {
      headers["Content-Type"] = "application/json";
    }
    if (authenticated && this.tokens.access) {
      headers.Authorization = `Bearer ${this.tokens.access}`;
    }
    // A form sets its own multipart Content-Type, boundary included.
    const payload = body === undefined ? undefined : form ? body : JSON.stringify(body);
    const response = await this.fetcher(path, { method, headers, body: payload });
    if (response.status === 401 && authenticated && !retried && this.tokens.refresh()) {
      await this.refresh();
      return this.envelope<T>(method, path, body, true, true, extra);
    }
    if (response.status === 204) {
      return { success: true };
    }
    const json = (await response.json().catch(() => null)) as Envelope<T> | null;
    if (!response.ok || !json || json.success === false) {
      const error = json?.error;
      throw new ApiError(response.status, error?.code ?? "http_" + response.status, error?.message ?? response.statusText, error?.details ?? []);
    }
    return json;
  }
}

/** A file and its import options as the multipart form the server reads (options as fields beside file). */
function importForm(file: File, options: Partial<ImportOptions>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || value === null || value === "") {
      continue;
    }
    form.append(name, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  form.append("file", file, file.name);
  return form;
}
