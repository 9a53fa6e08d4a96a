import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The UI is served by the Contrivance server at /. During `npm run dev`, API calls go to a server
// started with `mvn -DskipTests package liberty:run`.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: { proxy: { "/api": "http://localhost:9080" } },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
