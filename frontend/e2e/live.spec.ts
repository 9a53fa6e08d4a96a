import { expect, test, type Browser, type Page } from "@playwright/test";
import { cell, clickCell } from "./support";

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
  const newRow = first.getByRole("form", { name: "New row" });
  await newRow.getByLabel("Company").fill("Acme");
  await newRow.getByLabel("Stage").selectOption("Lead");
  await newRow.getByRole("button", { name: "Add row" }).click();
  await expect(cell(first, 0, 0)).toHaveText("Acme");

  // The same sheet in a second browser (its own session).
  const second = await signedIn(browser, baseURL!, email, false);
  await second.goto(first.url());
  await expect(cell(second, 0, 0)).toHaveText("Acme");
  await expect(second.getByRole("status", { name: "Connection" })).toHaveText("Live");
  await expect(first.getByRole("list", { name: "People here" }).getByRole("listitem")).toHaveCount(1);

  // Edit in the first; the second sees which cell they are on, then the new value, without a reload.
  await clickCell(first, "Live deals", 120, 0);
  await expect(second.getByRole("list", { name: "People here" }).getByRole("listitem")).toHaveAttribute("data-cell", "Company, row 1");
  await clickCell(first, "Live deals", 120, 0, true);
  const editor = first.locator("#portal textarea");
  await editor.fill("Acme Corp");
  await editor.press("Enter");
  await expect(cell(second, 0, 0)).toHaveText("Acme Corp");

  // And a row added in the second appears in the first.
  const otherNew = second.getByRole("form", { name: "New row" });
  await otherNew.getByLabel("Company").fill("Globex");
  await otherNew.getByLabel("Stage").selectOption("Qualified");
  await otherNew.getByRole("button", { name: "Add row" }).click();
  await expect(first.getByText("2 rows")).toBeVisible();
  await expect(cell(first, 0, 1)).toHaveText("Globex");
});
