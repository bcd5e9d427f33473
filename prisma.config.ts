import { defineConfig } from "prisma/config";

// Migrations are applied by scripts/migrate.mjs (offline, WASM schema engine); see README.
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
});
