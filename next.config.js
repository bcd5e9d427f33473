/** @type {import("next").NextConfig} */
const nextConfig = {
  // native / WASM packages stay on the server, loaded by Node at run time
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // NEXT_DIST_DIR lets the browser tests build into their own folder (e.g. .next-e2e) beside a dev build
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};
export default nextConfig;
