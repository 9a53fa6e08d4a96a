import { describe, expect, it } from "vitest";
import { memoryStorage } from "./testing";
import { effectiveTheme, loadTheme, saveTheme } from "./theme";

describe("theme", () => {
  it("follows the system until a theme is chosen, and remembers the choice", () => {
    const s = memoryStorage();
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
    const s = memoryStorage();
    s.setItem("contrivance.theme", "purple");
    expect(loadTheme(s)).toBe("system");
  });
});
