import { expect, test } from "@playwright/test";
import { SERVER_ONLY_MARKERS, scanClientBundle } from "../test/support/bundle";

// The browser half of the build (<dist>/static, what any visitor downloads) must hold no secret, database URL or
// server-only code. The e2e server built it (scripts/e2e-server.mjs); `npm run test:instances` also builds one
// with canary secrets in the build's environment and scans it the same way.
const DIST = process.env.NEXT_DIST_DIR ?? ".next-e2e";

test("the client bundle holds no secret, database URL or server-only module", async () => {
  // the e2e server's NEXTAUTH_SECRET, and what no client file may contain
  const scan = scanClientBundle(DIST, ["sasaran-e2e-secret-not-for-production", ...SERVER_ONLY_MARKERS]);
  expect(scan.files).toBeGreaterThan(10);
  expect(scan.scripts).toBeGreaterThan(5);
  expect(scan.found).toEqual([]);
});
