import { expect, test } from "@playwright/test";
import type { Column } from "../src/model/types";
import { account, addColumn, cell, clickCell, pipelineSheet, signIn } from "./support";

test("add a column, change a column's type after a preview of what will not convert, move a column and hide one", async ({ browser, baseURL, request }) => {
  const me = await account(request, "cols", "Cole Columns");
  const headers = { Authorization: `Bearer ${me.token}` };
  const created = await request.post("/api/spreadsheets", { headers, data: { name: "Column deals", template: "sales_pipeline" } });
  const sheet = ((await created.json()) as { data: { id: string } }).data.id;
  for (const [company, step] of [
    ["Acme", "call"],
    ["Globex", "42"],
  ]) {
    expect((await request.post(`/api/spreadsheets/${sheet}/rows`, { headers, data: { data: { company, stage: "Lead", next_step: step } } })).status()).toBe(
      201,
    );
  }
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  const panel = await addColumn(page, "Region", "text");

  // Retype Next Step to a number: the preview names the cell that will not convert.
  const step = panel.getByRole("listitem", { name: "Next Step" });
  await step.getByLabel("Type of Next Step").selectOption("number");
  await step.getByRole("button", { name: "Preview" }).click();
  await expect(step.getByRole("status")).toContainText('1 will not: "call"');
  await step.getByRole("button", { name: "Change the type and clear those cells" }).click();
  await expect(step.getByLabel("Type of Next Step")).toHaveValue("number");
  await expect(step.getByRole("status")).toHaveCount(0);

  // Move Region before Notes.
  await panel.getByRole("button", { name: "Move Region left" }).click();
  await expect(panel.getByRole("listitem").nth(9)).toHaveAccessibleName("Region");

  // Hide Contact from this grid (its headers, as the grid's accessible table lists them).
  const gridHeaders = page.getByRole("region", { name: "Column deals" }).locator('th[role="columnheader"]');
  await expect(gridHeaders.filter({ hasText: "Contact" })).toHaveCount(1);
  await panel.getByRole("listitem", { name: "Contact" }).getByLabel("Shown").uncheck();
  await expect(gridHeaders.filter({ hasText: "Contact" })).toHaveCount(0);
  await expect(gridHeaders.filter({ hasText: "Email" })).toHaveCount(1);

  const after = (await (await request.get(`/api/spreadsheets/${sheet}`, { headers })).json()) as { data: { columns: { name: string; column_type: string }[] } };
  expect(after.data.columns.map((c) => c.name).slice(-3)).toEqual(["Next Step", "Region", "Notes"]);
  expect(after.data.columns.find((c) => c.name === "Next Step")?.column_type).toBe("number");
  const rows = (await (await request.get(`/api/spreadsheets/${sheet}/rows`, { headers })).json()) as { data: { data: Record<string, unknown> }[] };
  expect(rows.data.map((r) => r.data.next_step ?? null)).toEqual([null, 42]);
});

test("edit a column's validation rules; the grid then refuses values that break them", async ({ browser, baseURL, request }) => {
  const me = await account(request, "rules", "Ru Rules");
  const sheet = await pipelineSheet(request, me.token, "Rule deals", [["Acme", "Lead", 12000]]);
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  await expect(cell(page, 3, 0)).toHaveText("$12,000.00");
  await page.getByRole("button", { name: "Columns" }).click();
  const panel = page.getByRole("region", { name: "Columns" });

  // A bound typed as in a cell.
  await panel.getByRole("button", { name: "Rules of Deal Value" }).click();
  const rules = panel.getByRole("form", { name: "Rules of Deal Value" });
  await rules.getByLabel("At least of Deal Value").fill("$1,000");
  await rules.getByRole("button", { name: "Save rules" }).click();
  await expect(rules).toHaveCount(0);

  // A rule the server cannot take is named, and nothing is saved.
  await panel.getByRole("button", { name: "Rules of Company" }).click();
  const company = panel.getByRole("form", { name: "Rules of Company" });
  await company.getByLabel("Max length of Company").fill("ten");
  await company.getByRole("button", { name: "Save rules" }).click();
  await expect(panel.getByRole("listitem", { name: "Company" }).getByRole("alert")).toContainText("whole number");
  await company.getByRole("button", { name: "Cancel" }).click();

  const headers = { Authorization: `Bearer ${me.token}` };
  const columns = ((await (await request.get(`/api/spreadsheets/${sheet}`, { headers })).json()) as { data: { columns: Column[] } }).data.columns;
  expect(columns.find((c) => c.id === "deal_value")?.validation_rules).toEqual({ min: 1000 }); // a bound in the column's own currency is a plain amount
  expect(columns.find((c) => c.id === "company")?.validation_rules).toEqual({});

  // The grid refuses a value under the bound and keeps the cell as it was.
  await page.getByRole("button", { name: "Columns" }).click();
  await clickCell(page, "Rule deals", 110 + 160 * 3, 0);
  await page.keyboard.press("Enter");
  await page.locator("#portal textarea").fill("500");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "were not saved" })).toContainText("Deal Value, row 1");
  await expect(cell(page, 3, 0)).toHaveText("$12,000.00");
});
