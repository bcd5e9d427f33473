import path from "node:path";
import { defineConfig } from "vitest/config";

// npm run test:instances: two `next start` instances on one PostgreSQL database (builds once; minutes).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      "server-only": path.resolve(import.meta.dirname, "test/support/server-only.ts"),
    },
  },
  test: { include: ["test/instances/**/*.test.ts"], environment: "node", testTimeout: 300_000, hookTimeout: 900_000, maxWorkers: 1 },
});
