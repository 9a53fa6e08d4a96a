import type { ViewSettings } from "./types";

/** Whether the grid shows exactly what a saved view keeps (hidden columns in any order). */
export function sameSettings(a: ViewSettings, b: ViewSettings): boolean {
  const sorted = (list: string[]) => JSON.stringify([...list].sort());
  return a.sort === b.sort && JSON.stringify(a.filters) === JSON.stringify(b.filters) && (a.q ?? "") === (b.q ?? "") && sorted(a.hidden) === sorted(b.hidden);
}
