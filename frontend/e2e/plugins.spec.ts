import { expect, test } from "@playwright/test";
import { account, addColumn, cell, signIn } from "./support";

test("a column type from a plugin is offered beside the core's, and its values show in the grid", async ({ browser, baseURL, request }) => {
  const me = await account(request, "plug", "Pat Plugin");
  const headers = { Authorization: `Bearer ${me.token}` };
  const types = ((await (await request.get("/api/column-types", { headers })).json()) as { data: { id: string; provided_by: string }[] }).data;
  expect(types.find((t) => t.id === "rating")?.provided_by).toBe("column-types");

  const created = await request.post("/api/spreadsheets", { headers, data: { name: "Rated calls", columns: [{ name: "Company", column_type: "text" }] } });
  const sheet = ((await created.json()) as { data: { id: string } }).data.id;
  expect((await request.post(`/api/spreadsheets/${sheet}/rows`, { headers, data: { data: { company: "Acme" } } })).status()).toBe(201);

  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  await addColumn(page, "Score", "rating");

  const after = (await (await request.get(`/api/spreadsheets/${sheet}`, { headers })).json()) as { data: { columns: { id: string; column_type: string }[] } };
  expect(after.data.columns.find((c) => c.id === "score")?.column_type).toBe("rating");
  const rows = (await (await request.get(`/api/spreadsheets/${sheet}/rows`, { headers })).json()) as { data: { id: string; version: number }[] };
  const four = await request.patch(`/api/spreadsheets/${sheet}/rows/${rows.data[0].id}`, { headers, data: { data: { score: 4 } } });
  expect(four.status()).toBe(200);
  const seven = await request.patch(`/api/spreadsheets/${sheet}/rows/${rows.data[0].id}`, { headers, data: { data: { score: 7 } } });
  expect(seven.status()).toBe(422);
  await expect(cell(page, 1, 0)).toHaveText("★★★★");
});
