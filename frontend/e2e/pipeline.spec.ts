import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { cell } from "./support";

/** Stops and starts the server under test, then waits until it is ready again. */
async function restartServer(baseURL: string) {
  const server = process.env.SERVER_BIN;
  const name = process.env.SERVER_NAME;
  if (!server || !name) {
    throw new Error("SERVER_BIN and SERVER_NAME must name the Liberty server under test");
  }
  execFileSync(server, ["stop", name], { stdio: "inherit" });
  execFileSync(server, ["start", name], { stdio: "inherit" });
  for (let i = 0; i < 240; i++) {
    try {
      const response = await fetch(`${baseURL}/health/ready`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not come back");
}

test("register, create a sales pipeline, see a validation error, and find the row after a restart", async ({ page, baseURL }) => {
  const email = `e2e-${Date.now()}@example.com`;
  await page.goto("/");

  await page.getByRole("button", { name: "New here? Create an account" }).click();
  await page.getByLabel("Name").fill("Erin Example");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough secret");
  await page.getByRole("button", { name: "Create account" }).click();

  await page.getByLabel("New sheet name").fill("Q3 pipeline");
  await page.getByRole("button", { name: "New sales pipeline" }).click();
  await expect(page.getByRole("region", { name: "Q3 pipeline" })).toBeVisible();

  const newRow = page.getByRole("form", { name: "New row" });
  await newRow.getByLabel("Company").fill("Acme");
  await newRow.getByLabel("Stage").selectOption("Lead");
  await newRow.getByLabel("Deal Value").fill("-5");
  await newRow.getByRole("button", { name: "Add row" }).click();
  await expect(newRow.getByRole("alert")).toContainText("Deal Value must be at least $0.00");
  await expect(page.getByText("0 rows")).toBeVisible();

  await newRow.getByLabel("Deal Value").fill("12000");
  await newRow.getByRole("button", { name: "Add row" }).click();
  await expect(page.getByText("1 row", { exact: true })).toBeVisible();
  await expect(cell(page, 0, 0)).toHaveText("Acme");
  await expect(cell(page, 3, 0)).toHaveText("$12,000.00");

  await restartServer(baseURL!);
  await page.reload();
  await expect(page.getByText("1 row", { exact: true })).toBeVisible();
  await expect(cell(page, 0, 0)).toHaveText("Acme");
  await expect(cell(page, 4, 0)).toHaveText("Lead");
});
