import { describe, expect, it } from "vitest";
import { effectiveTheme, loadTheme, saveTheme } from "./theme";

function storage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe("theme", () => {
  it("follows the system until a theme is chosen, and remembers the choice", () => {
    const s = storage();
    expect(loadTheme(s)).toBe("system");
    saveTheme(s, "dark");
    expect(loadTheme(s)).toBe("dark");
    saveTheme(s, "system");
    expect(loadTheme(s)).toBe("system");
  });

  it("resolves system to the system's preference", () => {
    expect(effectiveTheme("system", true)).toBe("dark");
    expect(effectiveTheme("system", false)).toBe("light");
    expect(effectiveTheme("light", true)).toBe("light");
  });

  it("ignores anything else stored under its key", () => {
    const s = storage();
    s.setItem("contrivance.theme", "purple");
    expect(loadTheme(s)).toBe("system");
  });
});
