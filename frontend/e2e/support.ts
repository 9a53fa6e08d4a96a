import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";

export const PASSWORD = "a long enough secret";

/** A new account, made over the API; returns its email and access token. */
export async function account(request: APIRequestContext, prefix: string, name: string): Promise<{ email: string; token: string }> {
  const email = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const registered = await request.post("/api/auth/register", { data: { email, password: PASSWORD, name } });
  expect(registered.ok()).toBeTruthy();
  return { email, token: ((await registered.json()) as { data: { access_token: string } }).data.access_token };
}

/** A sales pipeline sheet with the given deals (company, stage, value), made over the API. */
export async function pipelineSheet(request: APIRequestContext, token: string, name: string, deals: [string, string, number][]): Promise<string> {
  const headers = { Authorization: `Bearer ${token}` };
  const created = await request.post("/api/spreadsheets", { headers, data: { name, template: "sales_pipeline" } });
  const sheet = ((await created.json()) as { data: { id: string } }).data.id;
  const today = new Date().toISOString().slice(0, 10);
  for (const [company, stage, value] of deals) {
    const row = await request.post(`/api/spreadsheets/${sheet}/rows`, {
      headers,
      data: { data: { company, stage, deal_value: value, expected_close: today, owner: "bo" } },
    });
    expect(row.status()).toBe(201);
  }
  return sheet;
}

/** A new browser context signed in as the account, at the given hash (e.g. `#/sheets/<id>`). */
export async function signIn(
  browser: Browser,
  baseURL: string,
  email: string,
  hash = "",
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, ...options })).newPage();
  await page.goto("/");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("New sheet name")).toBeVisible();
  if (hash) {
    await page.goto(`/${hash}`);
  }
  return page;
}

/** With SCREENSHOTS set to a folder, the main screens are saved there (docs/screenshots is made this way). */
export async function screenshot(page: Page, name: string) {
  if (process.env.SCREENSHOTS) {
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}.png`, fullPage: true });
  }
}

/** A cell of the grid, through the grid's accessible table (the cells themselves are drawn on a canvas). */
export function cell(page: Page, column: number, row: number) {
  // Column 0 of the accessible table is the row numbers.
  return page.getByTestId(`glide-cell-${column + 1}-${row}`);
}

/**
 * Clicks (or double-clicks) a cell of the grid where the canvas draws it. Rows are 34 px under a 36 px header; the
 * row numbers take about 50 px; columns are as wide as the grid makes them (160 px for text).
 */
export async function clickCell(page: Page, grid: string, x: number, row: number, double = false) {
  // Glide's scroller lies over its canvas and takes the pointer events.
  const canvas = page.getByRole("region", { name: grid }).locator(".dvn-scroller");
  const position = { x, y: 36 + 34 * row + 17 };
  if (double) {
    await canvas.dblclick({ position });
  } else {
    await canvas.click({ position });
  }
}

/** Opens the Columns panel and adds a column of the given type; the panel, for more. */
export async function addColumn(page: Page, name: string, type: string) {
  await page.getByRole("button", { name: "Columns" }).click();
  const panel = page.getByRole("region", { name: "Columns" });
  await panel.getByLabel("New column name").fill(name);
  await panel.getByLabel("New column type").selectOption(type);
  await panel.getByRole("button", { name: "Add column" }).click();
  await expect(panel.getByRole("listitem", { name })).toBeVisible();
  return panel;
}

/** The test server's admin (its first account; the Java integration tests sign in as it too), signed in over the API. */
export async function admin(request: APIRequestContext): Promise<{ email: string; token: string }> {
  const email = "admin@it.example.com";
  let answer = await request.post("/api/auth/login", { data: { email, password: PASSWORD } });
  if (answer.status() === 401) {
    // A fresh server: the first account becomes the admin.
    answer = await request.post("/api/auth/register", { data: { email, password: PASSWORD, name: "Admin of the tests" } });
  }
  expect(answer.ok()).toBeTruthy();
  const data = ((await answer.json()) as { data: { access_token: string; user: { role: string } } }).data;
  expect(data.user.role).toBe("admin");
  return { email, token: data.access_token };
}
