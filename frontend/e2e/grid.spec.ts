import { expect, test } from "@playwright/test";
import { account, cell, clickCell, pipelineSheet, signIn } from "./support";

/** Where column i (160 px wide, after the row numbers) is clicked. */
const x = (column: number) => 110 + 160 * column;
const GRID = "Keyboard deals";

test("move with the keyboard, Enter to edit, copy a range and paste it back as one undoable step, see refused cells reported, and open a row with its history", async ({
  browser,
  baseURL,
  request,
}) => {
  const me = await account(request, "keys", "Kim Keys");
  const sheet = await pipelineSheet(request, me.token, GRID, [
    ["Acme", "Lead", 12000],
    ["Globex", "Proposal", 30000],
    ["Initech", "Lead", 5000],
  ]);
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await expect(cell(page, 0, 2)).toHaveText("Initech");
  await expect(page.getByRole("status", { name: "Connection" })).toHaveText("Live");

  // Arrows move; Enter opens the editor on the cell reached, and saves.
  await clickCell(page, GRID, x(0), 0);
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("ArrowRight");
  }
  await page.keyboard.press("Enter");
  const editor = page.locator("#portal textarea");
  await expect(editor).toBeFocused();
  await editor.fill("7500");
  await editor.press("Enter");
  await expect(cell(page, 3, 0)).toHaveText("$7,500.00");

  // Shift extends the selection; Ctrl+C copies it as tab-separated text.
  await clickCell(page, GRID, x(0), 0);
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Control+c");
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe("Acme\nGlobex");

  // Pasted into Contact, it lands in two rows, as one edit: one Ctrl+Z takes it back, Ctrl+Shift+Z makes it again.
  await clickCell(page, GRID, x(1), 0);
  await page.keyboard.press("Control+v");
  await expect(cell(page, 1, 0)).toHaveText("Acme");
  await expect(cell(page, 1, 1)).toHaveText("Globex");
  await page.keyboard.press("Control+z");
  await expect(cell(page, 1, 0)).toHaveText("");
  await expect(cell(page, 1, 1)).toHaveText("");
  await expect(cell(page, 3, 0)).toHaveText("$7,500.00");
  await page.keyboard.press("Control+Shift+z");
  await expect(cell(page, 1, 0)).toHaveText("Acme");
  await expect(cell(page, 1, 1)).toHaveText("Globex");

  // A value Deal Value cannot take is refused and named, and the cell keeps its value.
  await page.evaluate(() => navigator.clipboard.writeText("lots\t\nmore"));
  await clickCell(page, GRID, x(3), 1);
  await page.keyboard.press("Control+v");
  await expect(page.getByRole("status").filter({ hasText: "not saved" })).toContainText("Deal Value, row 2");
  await expect(cell(page, 3, 1)).toHaveText("$30,000.00");

  // The first row in full, with its history.
  await clickCell(page, GRID, x(0), 0);
  await page.getByRole("button", { name: "Row details" }).click();
  const detail = page.getByRole("region", { name: "Row details" });
  await expect(detail.locator('dd[data-column="deal_value"]')).toHaveText("$7,500.00");
  const history = detail.getByRole("region", { name: "History" });
  await expect(history).toContainText("changed Deal Value");
  await expect(history).toContainText("added a row");
});
