import { useEffect, useState } from "react";
import { effectiveTheme, loadTheme, saveTheme, type Theme } from "../model/theme";
import { useMediaQuery } from "./useMediaQuery";

const DARK = "(prefers-color-scheme: dark)";

/**
 * Chooses the colour theme: the system's (the default, following it live), light or dark. The
 * document's `data-theme` carries the theme in effect; the style sheet keys its colours on it.
 */
export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(() => loadTheme(window.localStorage));
  const systemDark = useMediaQuery(DARK);

  useEffect(() => {
    const effective = effectiveTheme(theme, systemDark);
    document.documentElement.dataset.theme = effective;
    document.documentElement.style.colorScheme = effective;
  }, [theme, systemDark]);

  return (
    <label className="theme-switch">
      <span className="visually-hidden">Theme</span>
      <select
        aria-label="Theme"
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          saveTheme(window.localStorage, next);
          setTheme(next);
        }}
      >
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
