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
  await expect(cell(page, 0, 0)).toHaveText("Initech");
  await header(110 + 160 * 3);
  await expect(bar).toContainText("Sorted by Deal Value ↓");
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
