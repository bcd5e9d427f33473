import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      // route handlers and session readers are called directly in tests (see test/support/server-only.ts)
      "server-only": path.resolve(import.meta.dirname, "test/support/server-only.ts"),
    },
  },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
    // two app instances over HTTP: npm run test:instances (vitest.instances.config.ts)
    exclude: ["**/node_modules/**", "test/instances/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // integration tests each open their own database; keep the 2-core machine from thrashing
    maxWorkers: 2,
  },
});
