import { expect, test } from "@playwright/test";
import { account, cell, pipelineSheet, screenshot, signIn } from "./support";

test("share a sheet with a second user as a viewer: they find it, read it, cannot edit it, and see its activity", async ({ browser, baseURL, request }) => {
  const owner = await account(request, "owner", "Olive Owner");
  const viewer = await account(request, "viewer", "Vic Viewer");
  const sheet = await pipelineSheet(request, owner.token, "Shared deals", [["Acme", "Lead", 12000]]);

  const page = await signIn(browser, baseURL!, owner.email, `#/sheets/${sheet}`);
  await page.getByRole("button", { name: "Share" }).click();
  const sharing = page.getByRole("region", { name: "Sharing" });
  await sharing.getByLabel("Email to invite").fill(viewer.email);
  await sharing.getByLabel("Role").selectOption("viewer");
  await sharing.getByRole("button", { name: "Invite" }).click();
  await expect(sharing.getByRole("listitem").filter({ hasText: viewer.email })).toContainText("viewer");
  await sharing.getByRole("button", { name: "Create a read-only public link" }).click();
  await expect(sharing).toContainText("/api/public/");
  await screenshot(page, "grid-sharing");

  const other = await signIn(browser, baseURL!, viewer.email);
  await other.getByRole("button", { name: "Shared deals" }).click();
  await expect(cell(other, 0, 0)).toHaveText("Acme");
  await expect(other.getByRole("button", { name: "Add row" })).toHaveCount(0);
  await other.getByRole("button", { name: "Share" }).click();
  await expect(other.getByRole("region", { name: "Sharing" })).toContainText(owner.email);
  await expect(other.getByRole("button", { name: "Invite" })).toHaveCount(0);
  await other.getByRole("button", { name: "Activity" }).click();
  await expect(other.getByRole("region", { name: "Activity" })).toContainText("added a row");
});

test("the theme follows the system until one is chosen, and the choice is kept", async ({ browser, baseURL, request }) => {
  const me = await account(request, "theme", "Thea Theme");
  const page = await signIn(browser, baseURL!, me.email);
  const html = page.locator("html");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html).toHaveAttribute("data-theme", "light");
  await expect(page.locator("body")).toHaveCSS("background-color", "rgb(255, 255, 255)");

  await page.getByLabel("Theme").selectOption("dark");
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(page.locator("body")).toHaveCSS("background-color", "rgb(22, 24, 29)");
  await screenshot(page, "dark");
  await page.reload();
  await expect(page.getByLabel("Theme")).toHaveValue("dark");
  await expect(html).toHaveAttribute("data-theme", "dark");
});

test("on a phone the rows are a list of cards, and rows can still be added", async ({ browser, baseURL, request }) => {
  const me = await account(request, "phone", "Pat Phone");
  const sheet = await pipelineSheet(request, me.token, "Pocket deals", [
    ["Acme", "Lead", 12000],
    ["Globex", "Proposal", 30000],
  ]);
  const page = await signIn(browser, baseURL!, me.email, `#/sheets/${sheet}`, { viewport: { width: 390, height: 844 } });
  const cards = page.getByRole("list", { name: "Pocket deals rows" });
  await expect(cards.getByRole("listitem")).toHaveCount(2);
  await expect(cards.getByRole("listitem").first()).toContainText("Acme");
  await expect(cards.getByRole("listitem").first()).toContainText("$12,000.00");
  await expect(page.getByRole("region", { name: "Pocket deals" })).toHaveCount(0);
  await screenshot(page, "phone");

  const form = page.getByRole("form", { name: "New row" });
  await form.getByLabel("Company").fill("Initech");
  await form.getByLabel("Stage").selectOption("Lead");
  await form.getByRole("button", { name: "Add row" }).click();
  await expect(cards.getByRole("listitem")).toHaveCount(3);
});
