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
