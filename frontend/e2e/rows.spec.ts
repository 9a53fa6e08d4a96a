import { expect, test } from "@playwright/test";
import { account, clickCell, signIn } from "./support";

test("the new-row form keeps a picked option shown, adds the row on Enter, and the page asks for no missing icon", async ({ browser, baseURL, request }) => {
  const me = await account(request, "former", "Fran Former");
  const headers = { Authorization: `Bearer ${me.token}` };
  const created = await request.post("/api/spreadsheets", { headers, data: { name: "Form deals", template: "sales_pipeline" } });
  const sheet = ((await created.json()) as { data: { id: string } }).data.id;

  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  const missing: string[] = [];
  page.on("response", (r) => {
    if (r.status() === 404) {
      missing.push(r.url());
    }
  });
  await page.reload();
  const form = page.getByRole("form", { name: "New row" });
  await form.getByLabel("Company").fill("Acme");
  await form.getByLabel("Stage").selectOption("Qualified");
  await expect(form.getByLabel("Stage")).toHaveValue("Qualified");
  await form.getByLabel("Owner").fill("ada");
  await form.getByLabel("Owner").press("Enter");
  await expect(page.getByText("1 row", { exact: true })).toBeVisible();
  const rows = (await (await request.get(`/api/spreadsheets/${sheet}/rows`, { headers })).json()) as { data: { data: Record<string, unknown> }[] };
  expect(rows.data[0].data).toMatchObject({ company: "Acme", stage: "Qualified", owner: "ada" });
  expect(missing).toEqual([]);
});

test("a refused edit is reported without moving the grid under the pointer", async ({ browser, baseURL, request }) => {
  const me = await account(request, "steady", "Stella Steady");
  const headers = { Authorization: `Bearer ${me.token}` };
  const created = await request.post("/api/spreadsheets", { headers, data: { name: "Steady deals", template: "sales_pipeline" } });
  const sheet = ((await created.json()) as { data: { id: string } }).data.id;
  await request.post(`/api/spreadsheets/${sheet}/rows`, { headers, data: { data: { company: "Acme", stage: "Lead", deal_value: 100 } } });
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  const grid = page.getByRole("region", { name: "Steady deals" });
  await expect(grid).toBeVisible();
  const before = await grid.boundingBox();

  // A paste Deal Value cannot take is refused and reported.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate(() => navigator.clipboard.writeText("lots"));
  await clickCell(page, "Steady deals", 110 + 160 * 3, 0);
  await page.keyboard.press("Control+v");
  const notice = page.getByRole("status").filter({ hasText: "not saved" });
  await expect(notice).toBeVisible();
  expect((await grid.boundingBox())?.y).toBe(before?.y);
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);
  expect((await grid.boundingBox())?.y).toBe(before?.y);
});

test("a refused cell edit names the cell and the server's reason for it", async ({ browser, baseURL, request }) => {
  const me = await account(request, "reason", "Rae Reason");
  const headers = { Authorization: `Bearer ${me.token}` };
  const created = await request.post("/api/spreadsheets", { headers, data: { name: "Reason deals", template: "sales_pipeline" } });
  const sheet = ((await created.json()) as { data: { id: string } }).data.id;
  await request.post(`/api/spreadsheets/${sheet}/rows`, { headers, data: { data: { company: "Acme", stage: "Lead", deal_value: 100 } } });
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  await expect(page.getByRole("status", { name: "Connection" })).toHaveText("Live");

  await clickCell(page, "Reason deals", 110 + 160 * 3, 0);
  await page.keyboard.press("F2");
  const text = page.locator("#portal textarea");
  await expect(text).toBeFocused();
  await text.fill("-5");
  await text.press("Enter");
  const notice = page.getByRole("status").filter({ hasText: "not saved" });
  await expect(notice).toContainText("Deal Value, row 1: ");
  await expect(notice).toContainText("at least");
  await expect(notice).not.toContainText("break the sheet's rules");
});
