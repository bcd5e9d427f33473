// Real next-auth session cookies for tests that call route handlers and session readers directly:
// signed with the test secret exactly like next-auth's sign-in does, read back by getRequestSession().
import { encode } from "next-auth/jwt";
import type { PrismaClient } from "@/generated/prisma/client";

export const TEST_SECRET = "sasaran-test-secret-0123456789-abcdefghijklmnop";
export const SESSION_COOKIE = "next-auth.session-token";

/** Sets the environment next-auth reads and points the app's database client at the test database. */
export function useTestAuth(db: PrismaClient) {
  process.env.NEXTAUTH_SECRET = TEST_SECRET;
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  (globalThis as unknown as { __sasaranDb?: Promise<PrismaClient> }).__sasaranDb = Promise.resolve(db);
}

/** A session cookie for the user in the organization, with the user's current sessionVersion (or the given one). */
export async function sessionCookie(
  db: PrismaClient,
  who: { userId: string; organizationId: string },
  opts: { sv?: number; maxAge?: number } = {},
): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { id: who.userId }, select: { email: true, name: true, sessionVersion: true } });
  const token = await encode({
    secret: TEST_SECRET,
    maxAge: opts.maxAge ?? 3600,
    token: { sub: who.userId, userId: who.userId, email: user.email, name: user.name, organizationId: who.organizationId, sv: opts.sv ?? user.sessionVersion },
  });
  return `${SESSION_COOKIE}=${token}`;
}

/** A Request carrying the cookie (or none). */
export function requestWith(url: string, cookie: string | null, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("cookie", cookie);
  return new Request(new URL(url, "http://localhost:3000"), { ...init, headers });
}
