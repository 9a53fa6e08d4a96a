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

test("a long sheet opens at once, Ctrl+End reaches its last row, and the browser holds only the rows around the screen", async ({
  browser,
  baseURL,
  request,
}) => {
  const me = await account(request, "long", "Lee Long");
  const headers = { Authorization: `Bearer ${me.token}` };
  const created = await request.post("/api/spreadsheets", { headers, data: { name: "Long sheet", template: "sales_pipeline" } });
  const sheet = ((await created.json()) as { data: { id: string } }).data.id;
  for (let offset = 0; offset < 5_000; offset += 1_000) {
    const rows = Array.from({ length: 1_000 }, (_, i) => ({ data: { company: `Company ${offset + i}`, stage: "Lead" } }));
    expect((await request.post(`/api/spreadsheets/${sheet}/rows`, { headers, data: { rows } })).status()).toBe(201);
  }
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  await expect(page.getByText("5,000 rows", { exact: true })).toBeVisible();
  await expect(cell(page, 0, 0)).toHaveText("Company 0");
  await expect(page.getByRole("status", { name: "Connection" })).toHaveText("Live");
  const grid = page.getByRole("region", { name: "Long sheet" });

  // Ctrl+End goes to the last cell; Home back to the first column of that row.
  await clickCell(page, "Long sheet", x(0), 0);
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Home");
  await expect(cell(page, 0, 4_999)).toHaveText("Company 4999");
  const held = Number(await grid.getAttribute("data-loaded"));
  expect(held).toBeGreaterThan(0);
  expect(held).toBeLessThan(2_000);

  // A row added elsewhere is counted, and shows at the end.
  expect((await request.post(`/api/spreadsheets/${sheet}/rows`, { headers, data: { data: { company: "Newcomer", stage: "Lead" } } })).status()).toBe(201);
  await expect(page.getByText("5,001 rows", { exact: true })).toBeVisible();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Home");
  await expect(cell(page, 0, 5_000)).toHaveText("Newcomer");

  // Back at the top with Ctrl+Home, the first rows are read again where they were dropped.
  await page.keyboard.press("Control+Home");
  await expect(cell(page, 0, 0)).toHaveText("Company 0");
});
