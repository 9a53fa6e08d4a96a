import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { account, pipelineSheet, signIn } from "./support";

test("export the grid's view as CSV, with the columns shown, in the view's order", async ({ browser, baseURL, request }) => {
  const me = await account(request, "exporter", "Ezra Export");
  const sheet = await pipelineSheet(request, me.token, "Export deals", [
    ["Acme", "Qualified", 12000],
    ["Globex", "Proposal", 50000],
  ]);
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  await expect(page.getByText("2 rows")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByLabel("Export", { exact: true }).selectOption("csv");
  const file = await download;
  expect(file.suggestedFilename()).toBe("Export deals.csv");
  const text = await readFile(await file.path(), "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff); // the byte-order mark Excel needs
  const lines = text.slice(1).split("\r\n");
  expect(lines[0]).toBe("Company,Contact,Email,Deal Value,Stage,Probability,Expected Close,Owner,Next Step,Notes");
  expect(lines[1]).toContain("Acme,");
  expect(lines[2]).toContain("Globex,");
  expect(lines[2]).toContain("Proposal");
});
