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

const SESSION_HOURS = 12;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = credentials?.email ?? "";
        const password = credentials?.password ?? "";
        if (!email || !password) throw new Error("Enter your email and password.");
        const forwarded = req?.headers?.["x-forwarded-for"];
        const ip = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() ?? null;
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
