import { expect, test, type Browser, type Page } from "@playwright/test";

async function signedIn(browser: Browser, baseURL: string, email: string, register: boolean): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto("/");
  if (register) {
    await page.getByRole("button", { name: "New here? Create an account" }).click();
    await page.getByLabel("Name").fill("Lee Live");
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough secret");
  await page.getByRole("button", { name: register ? "Create account" : "Sign in" }).click();
  return page;
}

test("an edit in one browser shows up in another without reloading", async ({ browser, baseURL }) => {
  const email = `live-${Date.now()}@example.com`;
  const first = await signedIn(browser, baseURL!, email, true);
  await first.getByLabel("New sheet name").fill("Live deals");
  await first.getByRole("button", { name: "New sales pipeline" }).click();
  const grid = first.getByRole("grid", { name: "Live deals" });
  const newRow = grid.locator("tfoot tr.new-row");
  await newRow.getByLabel("Company").fill("Acme");
  await newRow.getByLabel("Stage").selectOption("Lead");
  await newRow.getByRole("button", { name: "Add row" }).click();
  await expect(grid.locator("tbody tr")).toHaveCount(1);

  // The same sheet in a second browser (its own session).
  const second = await signedIn(browser, baseURL!, email, false);
  await second.goto(first.url());
  const otherGrid = second.getByRole("grid", { name: "Live deals" });
  await expect(otherGrid.locator('tbody td[data-column="company"]')).toHaveText("Acme");
  await expect(second.getByRole("status", { name: "Connection" })).toHaveText("Live");
  await expect(first.getByRole("list", { name: "People here" }).getByRole("listitem")).toHaveCount(1);

  // Edit in the first; the second sees who is editing which cell, then the new value, without a reload.
  await grid.locator('tbody td[data-column="company"]').dblclick();
  await expect(otherGrid.locator('tbody td[data-column="company"]')).toHaveAttribute("data-editing-by", "Lee Live");
  await grid.locator("tbody").getByLabel("Company").fill("Acme Corp");
  await grid.locator("tbody").getByLabel("Company").press("Enter");
  await expect(otherGrid.locator('tbody td[data-column="company"]')).toHaveText("Acme Corp");

  // And a row added in the second appears in the first.
  const otherNew = otherGrid.locator("tfoot tr.new-row");
  await otherNew.getByLabel("Company").fill("Globex");
  await otherNew.getByLabel("Stage").selectOption("Qualified");
  await otherNew.getByRole("button", { name: "Add row" }).click();
  await expect(grid.locator("tbody tr")).toHaveCount(2);
  await expect(grid.locator("tbody tr").nth(1).locator('td[data-column="company"]')).toHaveText("Globex");
});
