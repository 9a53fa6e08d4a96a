import { expect, test, type Page } from "@playwright/test";
import { account, cell, clickCell, pipelineSheet, signIn } from "./support";

const GRID = "Typed deals";

/** Selects a cell by clicking the first column of its row and walking right with the keyboard. */
async function select(page: Page, column: number, row: number) {
  await clickCell(page, GRID, 110, row);
  for (let i = 0; i < column; i++) {
    await page.keyboard.press("ArrowRight");
  }
}

test("F2 edits, and each column type has its editor: a date picker, select and multi-select pickers, links for web addresses", async ({
  browser,
  baseURL,
  request,
}) => {
  const me = await account(request, "typed", "Tia Typed");
  const headers = { Authorization: `Bearer ${me.token}` };
  const sheet = await pipelineSheet(request, me.token, GRID, [["Acme", "Lead", 12000]]);
  // Two more columns, put right after Company: a web address and a multi-select.
  for (const [position, column] of [
    [1, { name: "Website", column_type: "url" }],
    [2, { name: "Tags", column_type: "multi_select", options: ["Hot", "Renewal", "Partner"] }],
  ] as const) {
    const added = await request.post(`/api/spreadsheets/${sheet}/columns`, { headers, data: column });
    const id = ((await added.json()) as { data: { id: string } }).data.id;
    expect((await request.patch(`/api/spreadsheets/${sheet}/columns/${id}`, { headers, data: { position } })).ok()).toBeTruthy();
  }
  const rows = (await (await request.get(`/api/spreadsheets/${sheet}/rows`, { headers })).json()) as { data: { id: string; version: number }[] };
  await request.patch(`/api/spreadsheets/${sheet}/rows/${rows.data[0].id}`, {
    headers,
    data: { data: { Website: "example.com" }, version: rows.data[0].version },
  });

  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  await expect(cell(page, 1, 0)).toHaveText("https://example.com");
  await expect(page.getByRole("status", { name: "Connection" })).toHaveText("Live");

  // F2 opens the text editor as Enter does.
  await select(page, 0, 0);
  await page.keyboard.press("F2");
  const text = page.locator("#portal textarea");
  await expect(text).toBeFocused();
  await text.fill("Acme Corp");
  await text.press("Enter");
  await expect(cell(page, 0, 0)).toHaveText("Acme Corp");

  // A web address is a link: clicking its text opens it (in a new tab; recorded here instead).
  await page.evaluate(() => {
    window.open = (url?: string | URL) => {
      document.body.dataset.opened = String(url);
      return null;
    };
  });
  await clickCell(page, GRID, 240, 0);
  await expect(page.locator("body")).toHaveAttribute("data-opened", "https://example.com");

  // Multi-select: tick options, Enter saves them.
  await select(page, 2, 0);
  await page.keyboard.press("Enter");
  const tags = page.getByRole("group", { name: "Tags" });
  await tags.getByLabel("Partner").check();
  await tags.getByLabel("Hot").check();
  await page.keyboard.press("Enter");
  await expect(cell(page, 2, 0)).toHaveText("Hot, Partner");

  // Select: the options narrowed by typing, Enter picks.
  await select(page, 6, 0);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("listbox", { name: "Stage" })).toBeVisible();
  await page.keyboard.type("nego");
  await page.keyboard.press("Enter");
  await expect(cell(page, 6, 0)).toHaveText("Negotiation");

  // Date: the browser's date picker.
  await select(page, 8, 0);
  await page.keyboard.press("Enter");
  const date = page.locator('#portal input[type="date"]');
  await expect(date).toBeFocused();
  await date.fill("2027-01-15");
  await date.press("Enter");
  await expect(cell(page, 8, 0)).toHaveText("2027-01-15");

  const saved = (await (await request.get(`/api/spreadsheets/${sheet}/rows`, { headers })).json()) as { data: { data: Record<string, unknown> }[] };
  expect(saved.data[0].data).toMatchObject({ company: "Acme Corp", stage: "Negotiation", expected_close: "2027-01-15" });
  expect(Object.values(saved.data[0].data)).toContainEqual(["Hot", "Partner"]);
});
