import { expect, test } from "@playwright/test";
import { account, pipelineSheet, signIn } from "./support";

test("drop a CSV on the sheet, map a column in the preview, import it with a progress bar, see the refused rows, undo it", async ({
  browser,
  baseURL,
  request,
}) => {
  const me = await account(request, "importer", "Ida Import");
  const sheet = await pipelineSheet(request, me.token, "Imported deals", [["Already here", "Lead", 100]]);
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  await expect(page.getByText("1 row", { exact: true })).toBeVisible();

  // Enough rows that the import runs for a few seconds; two break the sheet's rules.
  const lines = ["Firma,Stage,Deal Value"];
  for (let i = 1; i <= 40_000; i++) {
    lines.push(i === 7 ? `Bad stage,Won?,10` : i === 9 ? `Negative,Lead,-5` : `Deal ${i},Lead,${i}`);
  }
  const csv = lines.join("\n") + "\n";
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "deals.csv", { type: "text/csv" }));
    return transfer;
  }, csv);
  await page.locator(".grid-view").dispatchEvent("dragover", { dataTransfer });
  await page.locator(".grid-view").dispatchEvent("drop", { dataTransfer });

  const panel = page.getByRole("region", { name: "Import" });
  await expect(panel.getByText("Import deals.csv")).toBeVisible();
  // "Firma" matches no column: map it to Company by hand.
  await expect(panel.getByLabel("Column for Firma")).toHaveValue("");
  await expect(panel.getByLabel("Column for Stage")).not.toHaveValue("");
  await panel.getByLabel("Column for Firma").selectOption({ label: "Company" });
  await panel.getByRole("button", { name: "Import", exact: true }).click();

  await expect(panel.getByLabel("Import progress")).toBeVisible();
  await expect(panel.getByText("Imported", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByText("2 rows refused")).toBeVisible();
  await expect(panel.getByRole("row", { name: /^8 Stage Won\?/ })).toBeVisible();
  await expect(panel.getByRole("row", { name: /^10 Deal Value -5/ })).toBeVisible();
  // The one row there was, and the 39,998 good rows of the file.
  await expect(page.getByText("39,999 rows", { exact: true })).toBeVisible({ timeout: 30_000 });

  await panel.getByRole("button", { name: "Undo import" }).click();
  await expect(panel.getByText("The import was undone")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("1 row", { exact: true })).toBeVisible({ timeout: 30_000 });
});

test("right after an import, Ctrl+Z in the grid takes the whole import back", async ({ browser, baseURL, request }) => {
  const me = await account(request, "importer", "Ivo Import");
  const sheet = await pipelineSheet(request, me.token, "Undo by key", [["Kept", "Lead", 1]]);
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`);
  await expect(page.getByText("1 row", { exact: true })).toBeVisible();
  await page
    .getByLabel("File to import")
    .setInputFiles({ name: "more.csv", mimeType: "text/csv", buffer: Buffer.from("Company,Stage\nOne,Lead\nTwo,Qualified\n") });
  const panel = page.getByRole("region", { name: "Import" });
  await panel.getByRole("button", { name: "Import", exact: true }).click();
  await expect(panel.getByText("Imported", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("3 rows", { exact: true })).toBeVisible();
  await page.locator(".grid-view h2").click();
  await page.keyboard.press("Control+z");
  await expect(page.getByText("1 row", { exact: true })).toBeVisible({ timeout: 30_000 });
});
