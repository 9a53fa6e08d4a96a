import { expect, test } from "@playwright/test";
import { account, signIn } from "./support";

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
  await page.getByRole("button", { name: "Columns" }).click();
  const panel = page.getByRole("region", { name: "Columns" });

  // Add.
  await panel.getByLabel("New column name").fill("Region");
  await panel.getByLabel("New column type").selectOption("text");
  await panel.getByRole("button", { name: "Add column" }).click();
  await expect(panel.getByRole("listitem", { name: "Region" })).toBeVisible();

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
