import { expect, test } from "@playwright/test";
import { account, pipelineSheet, screenshot, signIn } from "./support";

test("drag a deal to Closed-Won on the board: another browser sees it move, and the dashboard's Closed figure changes", async ({
  browser,
  baseURL,
  request,
}) => {
  const { email, token } = await account(request, "board", "Bo Board");
  const sheet = await pipelineSheet(request, token, "Board deals", [
    ["Acme", "Negotiation", 10000],
    ["Globex", "Closed-Won", 5000],
  ]);

  const board = await signIn(browser, baseURL!, email, `#/sheets/${sheet}/dashboard`);
  await expect(board.getByRole("button", { name: /^Closed:/ })).toContainText("$5,000");

  await board.getByRole("button", { name: "Board", exact: true }).click();
  await expect(board.getByRole("status", { name: "Connection" })).toHaveText("Live");
  const won = board.getByRole("region", { name: "Closed-Won" });
  await expect(won.getByLabel("Closed-Won total")).toHaveText("$5,000");

  // Someone else watching the board.
  const watcher = await signIn(browser, baseURL!, email, `#/sheets/${sheet}/board`);
  await expect(watcher.getByRole("status", { name: "Connection" })).toHaveText("Live");
  await expect(watcher.getByRole("region", { name: "Negotiation" }).getByRole("listitem", { name: "Acme" })).toBeVisible();

  await board.getByRole("region", { name: "Negotiation" }).getByRole("listitem", { name: "Acme" }).dragTo(won);
  await expect(won.getByRole("listitem", { name: "Acme" })).toBeVisible();
  await expect(won.getByLabel("Closed-Won total")).toHaveText("$15,000");
  await expect(watcher.getByRole("region", { name: "Closed-Won" }).getByRole("listitem", { name: "Acme" })).toBeVisible();
  await expect(watcher.getByRole("region", { name: "Negotiation" }).getByRole("listitem")).toHaveCount(0);
  await screenshot(board, "board");

  await board.getByRole("button", { name: "Dashboard", exact: true }).click();
  const closed = board.getByRole("button", { name: /^Closed:/ });
  await expect(closed).toContainText("$15,000");
  await closed.click();
  const why = board.getByRole("complementary", { name: "How this figure is made" });
  await expect(why).toContainText("Acme");
  await expect(why).toContainText("Globex");
  await screenshot(board, "dashboard");
});

test("an open deal past its close date is shown on the dashboard as past due, and counted", async ({ browser, baseURL, request }) => {
  const { email, token } = await account(request, "late", "Lee Late");
  const sheet = await pipelineSheet(request, token, "Late deals", [["Acme", "Lead", 1000]]);
  const late = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
  const added = await request.post(`/api/spreadsheets/${sheet}/rows`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { data: { company: "Hooli", stage: "Negotiation", deal_value: 120000, expected_close: late, owner: "bo" } },
  });
  expect(added.status()).toBe(201);
  const page = await signIn(browser, baseURL!, email, `#/sheets/${sheet}/dashboard`);
  const pastDue = page.getByRole("region", { name: "Past due deals" });
  await expect(pastDue).toContainText("1 open deal is past the expected close date");
  await expect(pastDue).toContainText(`Hooli (40 days late, was ${late})`);
  await expect(page.getByRole("button", { name: /^Pipeline:/ })).toContainText("$121,000");
});
