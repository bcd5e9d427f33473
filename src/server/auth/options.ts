import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/server/db/client";
import { authenticate, findMembership } from "./login";
import { isRole, type Role } from "./permissions";
import { userFacingError } from "@/server/errors";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; organizationId: string; organizationName: string; role: Role };
  }
  interface User {
    organizationId: string;
    organizationName: string;
    role: Role;
    sessionVersion: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    organizationId?: string;
    organizationName?: string;
    role?: string;
    sv?: number;
  }
}

// A session (signed JWT cookie) lasts SESSION_HOURS after the last request that read it (next-auth re-issues the
// cookie when the session is read through /api/auth/session), at most until the user's sessionVersion changes:
// "sign out everywhere" and a password change bump it, and every session read compares it with the token's.
export const SESSION_HOURS = 12;
export const SESSION_REVOKED = "Session revoked: signed out everywhere or password changed.";

/** Throws when the token was issued before the user's last "sign out everywhere" (or the user is gone). */
async function assertTokenCurrent(token: { userId?: string; sv?: number }) {
  if (!token.userId) return;
  let user: { sessionVersion: number } | null;
  try {
    user = await (await db()).user.findUnique({ where: { id: token.userId }, select: { sessionVersion: true } });
  } catch {
    // database unreachable: keep the session; every page and procedure needs the database and reports it plainly
    // (failing here would sign everyone out during a database restart)
    return;
  }
  if (!user || user.sessionVersion !== (token.sv ?? 0)) throw new Error(SESSION_REVOKED);
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  // a revoked session is an ordinary "no session" (next-auth clears the cookie), not an error worth logging
  logger: {
    error(code, metadata) {
      const message = metadata instanceof Error ? metadata.message : (metadata as { message?: string } | undefined)?.message;
      if (code === "JWT_SESSION_ERROR" && message === SESSION_REVOKED) return;
      console.error(`[next-auth] ${code}`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth] ${code}`);
    },
    debug() {},
  },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = credentials?.email ?? "";
        const password = credentials?.password ?? "";
        if (!email || !password) throw new Error("Enter your email and password.");
        // the address for the per-IP login limit: the right-most X-Forwarded-For entry, i.e. the one added by the
        // nearest proxy (`next start` itself sets the header to the socket address when a request has none)
        const forwarded = req?.headers?.["x-forwarded-for"];
        const ip = (Array.isArray(forwarded) ? forwarded.join(",") : forwarded)?.split(",").pop()?.trim() || null;
        try {
          const who = await authenticate(await db(), { email, password, ip });
          return { id: who.userId, email: who.email, name: who.name, organizationId: who.organizationId, organizationName: who.organizationName, role: who.role, sessionVersion: who.sessionVersion };
        } catch (e) {
          throw new Error(userFacingError(e));
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user) {
        token.userId = user.id;
        token.organizationId = user.organizationId;
        token.organizationName = user.organizationName;
        token.role = user.role;
        token.sv = user.sessionVersion;
      } else {
        // every later read of the session: refused (no session) once the user signed out everywhere
        await assertTokenCurrent(token);
      }
      // switching organization: the client calls update({ organizationId }); verify the membership here
      if (trigger === "update" && token.userId && typeof session?.organizationId === "string") {
        const m = await findMembership(await db(), token.userId, session.organizationId);
        if (m) {
          token.organizationId = session.organizationId;
          token.organizationName = m.organization.name;
          token.role = m.role;
        }
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        id: token.userId ?? "",
        email: token.email ?? "",
        name: token.name ?? "",
        organizationId: token.organizationId ?? "",
        organizationName: token.organizationName ?? "",
        role: (isRole(token.role) ? token.role : undefined) as Role,
      };
      return session;
    },
  },
};
