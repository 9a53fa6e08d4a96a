import { expect, test } from "@playwright/test";
import { account, cell, pipelineSheet, signIn } from "./support";

const GRID = "View deals";

test("sort by a column's header and filter by a column, both done by the server", async ({ browser, baseURL, request }) => {
  const me = await account(request, "view", "Vi View");
  const sheet = await pipelineSheet(request, me.token, GRID, [
    ["Acme", "Lead", 12000],
    ["Globex", "Proposal", 30000],
    ["Initech", "Lead", 5000],
  ]);
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  await expect(cell(page, 0, 2)).toHaveText("Initech");
  const header = (x: number) =>
    page
      .getByRole("region", { name: GRID })
      .locator(".dvn-scroller")
      .click({ position: { x, y: 18 } });
  const bar = page.getByRole("toolbar", { name: "Sort and filter" });

  // Deal Value is the fourth column: ascending, then descending.
  await header(110 + 160 * 3);
  await expect(bar).toContainText("Sorted by Deal Value ↑");
  const headers = page.getByRole("region", { name: GRID }).locator('th[role="columnheader"]');
  await expect(headers.filter({ hasText: "Deal Value" })).toHaveText("Deal Value ↑");
  await expect(cell(page, 0, 0)).toHaveText("Initech");
  await header(110 + 160 * 3);
  await expect(bar).toContainText("Sorted by Deal Value ↓");
  await expect(headers.filter({ hasText: "Deal Value" })).toHaveText("Deal Value ↓");
  await expect(cell(page, 0, 0)).toHaveText("Globex");

  // Only the leads, still by value descending.
  await bar.getByLabel("Filter column").selectOption({ label: "Stage" });
  await bar.getByLabel("Filter operator").selectOption("eq");
  await bar.getByLabel("Filter value").fill("Lead");
  await bar.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("2 rows in this view")).toBeVisible();
  await expect(cell(page, 0, 0)).toHaveText("Acme");
  await expect(cell(page, 0, 1)).toHaveText("Initech");

  // Back to the whole sheet in its own order.
  await bar.getByRole("button", { name: "Remove the sort" }).click();
  await bar.getByRole("button", { name: /Remove the filter/ }).click();
  await expect(page.getByText("3 rows", { exact: true })).toBeVisible();
  await expect(cell(page, 0, 1)).toHaveText("Globex");
});

test("search every column with Ctrl+F, save the view with its hidden columns, and another reader picks it", async ({ browser, baseURL, request }) => {
  const me = await account(request, "saved", "Sam Saved");
  const sheet = await pipelineSheet(request, me.token, "Saved deals", [
    ["Acme", "Lead", 12000],
    ["Globex", "Proposal", 30000],
    ["Acme Europe", "Negotiation", 8000],
  ]);
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  await expect(cell(page, 0, 2)).toHaveText("Acme Europe");
  const bar = page.getByRole("toolbar", { name: "Sort and filter" });

  // Ctrl+F goes to the search box; the server finds the rows as one types.
  await page
    .getByRole("region", { name: "Saved deals" })
    .locator(".dvn-scroller")
    .click({ position: { x: 110, y: 53 } });
  await page.keyboard.press("Control+f");
  await expect(bar.getByLabel("Search all columns")).toBeFocused();
  await page.keyboard.type("acme");
  await expect(page.getByText("2 rows in this view")).toBeVisible();
  await expect(cell(page, 0, 1)).toHaveText("Acme Europe");

  // Hide Notes, then save what the grid shows as a view.
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("region", { name: "Columns" }).getByRole("listitem", { name: "Notes" }).getByLabel("Shown").uncheck();
  await bar.getByRole("button", { name: "Save view…" }).click();
  await bar.getByLabel("View name").fill("Acme accounts");
  await bar.getByRole("button", { name: "Save", exact: true }).click();
  await expect(bar.getByLabel("Saved view")).toHaveValue(/.+/);

  // Back to all rows and columns.
  await bar.getByLabel("Saved view").selectOption({ label: "All rows" });
  await expect(page.getByText("3 rows", { exact: true })).toBeVisible();
  await expect(bar.getByLabel("Search all columns")).toHaveValue("");

  // A viewer of the sheet picks the saved view: the same rows, without Notes.
  const reader = await account(request, "reader", "Rea Reader");
  await request.post(`/api/spreadsheets/${sheet}/collaborators`, {
    headers: { Authorization: `Bearer ${me.token}` },
    data: { email: reader.email, role: "viewer" },
  });
  const other = await signIn(browser, baseURL!, reader.email, `#/sheets/${sheet}`);
  const otherBar = other.getByRole("toolbar", { name: "Sort and filter" });
  await expect(cell(other, 0, 2)).toHaveText("Acme Europe");
  await otherBar.getByLabel("Saved view").selectOption({ label: "Acme accounts" });
  await expect(other.getByText("2 rows in this view")).toBeVisible();
  await expect(otherBar.getByLabel("Search all columns")).toHaveValue("acme");
  const headers = other.getByRole("region", { name: "Saved deals" }).locator('th[role="columnheader"]');
  await expect(headers.filter({ hasText: "Notes" })).toHaveCount(0);
  await expect(otherBar.getByRole("button", { name: "Save view…" })).toHaveCount(0);
});
