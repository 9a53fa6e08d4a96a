import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";

const PASSWORD = "a long enough secret";

/** With SCREENSHOTS set to a folder, the main screens are saved there (docs/screenshots is made this way). */
async function screenshot(page: Page, name: string) {
  if (process.env.SCREENSHOTS) {
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}.png`, fullPage: true });
  }
}

async function signIn(browser: Browser, baseURL: string, email: string, hash: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto("/");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("New sheet name")).toBeVisible();
  await page.goto(`/${hash}`);
  return page;
}

/** A user with a small pipeline, made over the API: Acme in Negotiation and Globex won, both closing today. */
async function pipeline(request: APIRequestContext): Promise<{ email: string; sheet: string }> {
  const email = `board-${Date.now()}@example.com`;
  const registered = await request.post("/api/auth/register", { data: { email, password: PASSWORD, name: "Bo Board" } });
  expect(registered.ok()).toBeTruthy();
  const token = ((await registered.json()) as { data: { access_token: string } }).data.access_token;
  const headers = { Authorization: `Bearer ${token}` };
  const created = await request.post("/api/spreadsheets", { headers, data: { name: "Board deals", template: "sales_pipeline" } });
  const sheet = ((await created.json()) as { data: { id: string } }).data.id;
  const today = new Date().toISOString().slice(0, 10);
  for (const [company, stage, value] of [
    ["Acme", "Negotiation", 10000],
    ["Globex", "Closed-Won", 5000],
  ] as const) {
    const created = await request.post(`/api/spreadsheets/${sheet}/rows`, {
      headers,
      data: { data: { company, stage, deal_value: value, expected_close: today, owner: "bo" } },
    });
    expect(created.status()).toBe(201);
  }
  return { email, sheet };
}

test("drag a deal to Closed-Won on the board: another browser sees it move, and the dashboard's Closed figure changes", async ({
  browser,
  baseURL,
  request,
}) => {
  const { email, sheet } = await pipeline(request);

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
