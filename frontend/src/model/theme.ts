/** The colour theme: follow the system setting, or always light or dark. */
export type Theme = "system" | "light" | "dark";

const KEY = "contrivance.theme";

/** The theme chosen before, or "system". */
export function loadTheme(storage: Pick<Storage, "getItem">): Theme {
  const saved = storage.getItem(KEY);
  return saved === "light" || saved === "dark" ? saved : "system";
}

export function saveTheme(storage: Pick<Storage, "setItem" | "removeItem">, theme: Theme): void {
  if (theme === "system") {
    storage.removeItem(KEY);
  } else {
    storage.setItem(KEY, theme);
  }
}

/** The theme in effect: the chosen one, or the system's when following it. */
export function effectiveTheme(theme: Theme, systemPrefersDark: boolean): "light" | "dark" {
  return theme === "system" ? (systemPrefersDark ? "dark" : "light") : theme;
}
