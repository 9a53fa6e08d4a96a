import { expect, test } from "@playwright/test";
import { account, addColumn, admin, cell, clickCell, signIn } from "./support";

const GRID = "Rated deals";

test("an admin installs a plugin from the admin page, a rating column takes 4 stars, and a share reaches the other user live, who marks it read", async ({
  browser,
  baseURL,
  request,
}) => {
  const jar = process.env.PLUGIN_JAR;
  expect(jar, "PLUGIN_JAR names the column-types plugin jar the build made").toBeTruthy();

  // The admin removes the bundled column-types plugin and installs it again from its jar, on the admin page.
  const boss = await admin(request);
  const adminPage = await signIn(browser, baseURL!, boss.email, "#/admin");
  const plugins = adminPage.getByRole("region", { name: "Plugins" });
  const row = plugins.locator('tr[data-plugin="column-types"]');
  await expect(row).toBeVisible();
  adminPage.on("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(row).toHaveCount(0);
  await plugins.getByLabel("Plugin jar").setInputFiles(jar!);
  await expect(row.locator(".state")).toHaveText("started");
  await expect(row).toContainText("column_type:rating");

  // A user adds a rating column and gives a deal 4 stars in the grid.
  const owner = await account(request, "rater", "Rita Rater");
  const colleague = await account(request, "told", "Theo Told");
  const headers = { Authorization: `Bearer ${owner.token}` };
  const created = await request.post("/api/spreadsheets", { headers, data: { name: "Rated deals", columns: [{ name: "Company", column_type: "text" }] } });
  const sheet = ((await created.json()) as { data: { id: string } }).data.id;
  expect((await request.post(`/api/spreadsheets/${sheet}/rows`, { headers, data: { data: { company: "Acme" } } })).status()).toBe(201);
  const page = await signIn(browser, baseURL!, owner.email, `#/sheets/${sheet}`);
  await addColumn(page, "Score", "rating");
  await page.getByRole("button", { name: "Columns" }).click();
  await clickCell(page, GRID, 110, 0);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  const stars = page.getByRole("radiogroup", { name: "Score" });
  await expect(stars).toBeVisible();
  await stars.getByRole("radio", { name: "4 stars" }).click();
  await expect(cell(page, 1, 0)).toHaveText("★★★★");
  const rows = (await (await request.get(`/api/spreadsheets/${sheet}/rows`, { headers })).json()) as { data: { data: Record<string, unknown> }[] };
  expect(rows.data[0].data.score).toBe(4);

  // The colleague has Contrivance open; the owner shares the sheet; the bell shows it at once.
  const other = await signIn(browser, baseURL!, colleague.email);
  const bell = other.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications");
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await page.getByLabel("Email to invite").fill(colleague.email);
  await page.getByLabel("Role").selectOption("editor");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(other.getByTestId("unread-count")).toHaveText("1");
  await bell.click();
  const center = other.getByRole("region", { name: "Notification center" });
  await expect(center.getByText("Rita Rater shared “Rated deals” with you")).toBeVisible();
  await center.getByRole("button", { name: "Mark “Rita Rater shared “Rated deals” with you” read" }).click();
  await expect(other.getByTestId("unread-count")).toHaveCount(0);
  await expect(bell).toHaveAccessibleName("Notifications");
  const inbox = (await (await request.get("/api/notifications?unread=true", { headers: { Authorization: `Bearer ${colleague.token}` } })).json()) as {
    data: { unread_count: number };
  };
  expect(inbox.data.unread_count).toBe(0);
});
