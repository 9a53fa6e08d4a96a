import { defineConfig } from "@playwright/test";

// Browser tests run against a started server (the build starts one for them, see
// contrivance-server/pom.xml) in Debian's Chromium: Playwright's own browser download is not used.
export default defineConfig({
  testDir: "e2e",
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: 1,
  // E2E_GREP=import runs only the tests whose title or file matches (while working on one screen).
  grep: process.env.E2E_GREP ? new RegExp(process.env.E2E_GREP) : undefined,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:9181",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    screenshot: "only-on-failure",
  },
});
