import { defineConfig } from "@playwright/test";
import tests from "./playwright.config";

// The UI's performance figures, on demand (benchmarks/server-bench.sh with BENCH_MODE=ui starts a
// server and runs this); not part of the test command.
export default defineConfig({
  testDir: "perf",
  testMatch: "**/*.perf.ts",
  timeout: 600_000,
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results/perf",
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:9281",
    viewport: { width: 1280, height: 800 },
    launchOptions: tests.use?.launchOptions,
  },
});
