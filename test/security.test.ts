// Abuse resistance: login rate limits (per account and per address, counted in SQL), password rules,
// session expiry and "sign out everywhere" — against a real database (PGlite or PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import {
  authenticate, BAD_CREDENTIALS, LOGIN_WINDOW_MINUTES, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, TOO_MANY_ATTEMPTS,
} from "@/server/auth/login";
import { passwordProblem, PASSWORD_MIN } from "@/server/auth/password-rules";
import { getRequestSession } from "@/server/auth/session";
import { createTestDb, type TestDb } from "./db";
import { PASSWORD, callerAs, callerFor, createFixtures, type Fixtures } from "./fixtures";
import { requestWith, sessionCookie, useTestAuth } from "./support/session";

let t: TestDb;
let f: Fixtures;

beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
  useTestAuth(t.db);
});
afterAll(async () => {
  await t?.close();
});

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the call to fail");
}

describe("login rate limits", () => {
  it(`locks an account after ${MAX_FAILURES_PER_ACCOUNT} failures in ${LOGIN_WINDOW_MINUTES} minutes, even for the right password`, async () => {
    const u = f.alpha.users.SALES_REP;
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect((await failure(authenticate(t.db, { email: u.email, password: `wrong-${i}`, ip: `10.1.0.${i}` }))).message).toBe(BAD_CREDENTIALS);
    }
    // 6th attempt, right password, another address: still locked (the account count does not depend on the address)
    expect((await failure(authenticate(t.db, { email: u.email, password: PASSWORD, ip: "10.1.1.1" }))).message).toBe(TOO_MANY_ATTEMPTS);
    // the refused attempts were recorded as failures, with no user id (a locked attempt looks the same for any email)
    const events = await t.db.loginEvent.findMany({ where: { email: u.email }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.success)).toEqual([false, false, false, false, false, false]);
    expect(events[5]).toMatchObject({ userId: null, organizationId: null });
  });

  it("gives an unknown email exactly the same answers, in the same order", async () => {
    const email = `nobody-${f.run}@nowhere.test`;
    const messages: string[] = [];
    for (let i = 0; i <= MAX_FAILURES_PER_ACCOUNT; i++) messages.push((await failure(authenticate(t.db, { email, password: `wrong-${i}`, ip: "10.2.0.1" }))).message);
    expect(messages).toEqual([...Array(MAX_FAILURES_PER_ACCOUNT).fill(BAD_CREDENTIALS), TOO_MANY_ATTEMPTS]);
  });

  it("counts only the window: failures older than the window do not lock", async () => {
    const u = f.alpha.users.SUPPORT_AGENT;
    const old = new Date(Date.now() - (LOGIN_WINDOW_MINUTES + 1) * 60_000);
    await t.db.loginEvent.createMany({ data: Array.from({ length: 10 }, () => ({ email: u.email, success: false, ip: "10.3.0.1", createdAt: old })) });
    // 4 recent failures + 10 old ones: not locked
    await t.db.loginEvent.createMany({ data: Array.from({ length: MAX_FAILURES_PER_ACCOUNT - 1 }, () => ({ email: u.email, success: false, ip: "10.3.0.1" })) });
    expect(await authenticate(t.db, { email: u.email, password: PASSWORD, ip: "10.3.0.1" })).toMatchObject({ userId: u.userId });
  });

  it("starts an account's count again after a successful sign-in", async () => {
    const u = f.alpha.users.SUPPORT_MANAGER;
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await failure(authenticate(t.db, { email: u.email, password: "wrong-password", ip: "10.4.0.1" }));
    await authenticate(t.db, { email: u.email, password: PASSWORD, ip: "10.4.0.1" });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await failure(authenticate(t.db, { email: u.email, password: "wrong-password", ip: "10.4.0.1" }));
    // 8 failures in the window, but only 4 since the success
    expect(await authenticate(t.db, { email: u.email, password: PASSWORD, ip: "10.4.0.2" })).toMatchObject({ userId: u.userId });
  });

  it(`locks an address after ${MAX_FAILURES_PER_IP} failures over any emails, and not other addresses`, async () => {
    const ip = "10.5.0.1";
    // 49 failures on 49 different (unknown) emails from one address, recorded as sign-in would
    await t.db.loginEvent.createMany({ data: Array.from({ length: MAX_FAILURES_PER_IP - 1 }, (_, i) => ({ email: `spray${i}-${f.run}@nowhere.test`, success: false, ip })) });
    const u = f.beta.users.SALES_MANAGER;
    // the 50th failure is still checked (and fails), the 51st attempt is refused, even with the right password
    expect((await failure(authenticate(t.db, { email: u.email, password: "wrong-password", ip }))).message).toBe(BAD_CREDENTIALS);
    expect((await failure(authenticate(t.db, { email: u.email, password: PASSWORD, ip }))).message).toBe(TOO_MANY_ATTEMPTS);
    // the account itself has 2 failures only: from another address it signs in
    expect(await authenticate(t.db, { email: u.email, password: PASSWORD, ip: "10.5.0.2" })).toMatchObject({ userId: u.userId });
  });
});

describe("password rules", () => {
  it.each([
    ["short-pass1", `Use at least ${PASSWORD_MIN} characters.`],
    ["password1234", "This password is too common. Choose another one."],
    ["PASSWORD1234", "This password is too common. Choose another one."],
    ["aaaaaaaaaaaaaaaa", "This password is too common. Choose another one."],
    ["x".repeat(201), "Use at most 200 characters."],
  ])("refuses %j", (pw, message) => {
    expect(passwordProblem(pw)).toBe(message);
  });
  it("refuses the email (or its name part) and accepts a long uncommon password", () => {
    expect(passwordProblem("someone.long@example.test", "Someone.Long@example.test")).toBe("Do not use your email address as your password.");
    expect(passwordProblem("someone.long", "someone.long@example.test")).toBe("Do not use your email address as your password.");
    expect(passwordProblem("violet-harbour-42", "someone@example.test")).toBeNull();
  });

  const anon = () => callerFor(t.db, null);
  async function fieldMessages(p: Promise<unknown>) {
    const e = await failure(p);
    expect(e).toBeInstanceOf(TRPCError);
    expect((e as TRPCError).code).toBe("BAD_REQUEST");
    // the messages as the API's error formatter shows them ("field: message"; src/server/api/trpc.ts)
    const cause = (e as TRPCError).cause;
    return cause instanceof ZodError ? cause.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : e.message;
  }

  it("applies at sign-up with a message naming the field, and creates nothing", async () => {
    const email = `founder-${f.run}@rules.test`;
    expect(await fieldMessages(anon().auth.signUp({ name: "F", email, password: "short", organizationName: "Rules Co" }))).toBe(`password: Use at least ${PASSWORD_MIN} characters.`);
    expect(await fieldMessages(anon().auth.signUp({ name: "F", email, password: "qwerty123456", organizationName: "Rules Co" }))).toBe("password: This password is too common. Choose another one.");
    expect(await fieldMessages(anon().auth.signUp({ name: "F", email, password: email, organizationName: "Rules Co" }))).toBe("password: Do not use your email address as your password.");
    expect(await t.db.user.count({ where: { email } })).toBe(0);
  });

  it("applies when a manager adds a user", async () => {
    const email = `added-${f.run}@rules.test`;
    expect(await fieldMessages(callerAs(t.db, f.alpha, "CRM_MANAGER").org.addMember({ email, name: "A", role: "SALES_REP", password: "password1234" }))).toBe(
      "password: This password is too common. Choose another one.",
    );
    expect(await t.db.user.count({ where: { email } })).toBe(0);
  });

  it("applies to a password change, which also needs the current password", async () => {
    const me = callerAs(t.db, f.beta, "SUPPORT_AGENT");
    expect(await fieldMessages(me.me.changePassword({ currentPassword: PASSWORD, newPassword: "short" }))).toBe(`newPassword: Use at least ${PASSWORD_MIN} characters.`);
    expect(await fieldMessages(me.me.changePassword({ currentPassword: PASSWORD, newPassword: f.beta.users.SUPPORT_AGENT.email }))).toBe(
      "newPassword: Do not use your email address as your password.",
    );
    expect(await fieldMessages(me.me.changePassword({ currentPassword: "not-my-password", newPassword: "violet-harbour-42" }))).toBe(
      "currentPassword: The current password is not correct.",
    );
    // nothing changed: the old password still signs in
    expect(await authenticate(t.db, { email: f.beta.users.SUPPORT_AGENT.email, password: PASSWORD })).toMatchObject({ role: "SUPPORT_AGENT" });
  });
});

describe("sessions", () => {
  it("reads a valid session cookie and refuses a missing, forged or expired one", async () => {
    const who = { userId: f.beta.users.CRM_MANAGER.userId, organizationId: f.beta.organizationId };
    const ok = await getRequestSession(requestWith("/api/x", await sessionCookie(t.db, who)));
    expect(ok?.user).toMatchObject({ id: who.userId, organizationId: who.organizationId });
    expect(await getRequestSession(requestWith("/api/x", null))).toBeNull();
    // change one character inside the ciphertext (not the last character of a base64url part, whose spare bits
    // may decode to the same bytes: that made this check flaky); the authentication tag must then fail
    const raw = await sessionCookie(t.db, who);
    const at = raw.lastIndexOf(".") - 5;
    const forged = raw.slice(0, at) + (raw[at] === "A" ? "B" : "A") + raw.slice(at + 1);
    expect(await getRequestSession(requestWith("/api/x", forged))).toBeNull();
    // a token whose maxAge has passed (issued with a negative lifetime: exp a minute ago, beyond the 15 s clock tolerance)
    expect(await getRequestSession(requestWith("/api/x", await sessionCookie(t.db, who, { maxAge: -60 })))).toBeNull();
  });

  it("sign out everywhere refuses every token issued before it, and a new sign-in works", async () => {
    const who = { userId: f.beta.users.SALES_REP.userId, organizationId: f.beta.organizationId };
    const oldA = await sessionCookie(t.db, who);
    const oldB = await sessionCookie(t.db, who);
    expect(await getRequestSession(requestWith("/api/x", oldA))).not.toBeNull();
    await callerFor(t.db, who).me.signOutEverywhere();
    expect(await getRequestSession(requestWith("/api/x", oldA))).toBeNull();
    expect(await getRequestSession(requestWith("/api/x", oldB))).toBeNull();
    const audit = await t.db.auditLog.findFirst({ where: { organizationId: who.organizationId, entityType: "User", entityId: who.userId }, orderBy: { createdAt: "desc" } });
    expect(audit?.changes).toEqual({ signedOutEverywhere: true });
    // a sign-in after it carries the new version
    const fresh = await authenticate(t.db, { email: f.beta.users.SALES_REP.email, password: PASSWORD });
    expect(await getRequestSession(requestWith("/api/x", await sessionCookie(t.db, who, { sv: fresh.sessionVersion })))).not.toBeNull();
  });

  it("a password change ends every session and the new password signs in", async () => {
    const u = f.beta.users.SALES_MANAGER;
    const who = { userId: u.userId, organizationId: f.beta.organizationId };
    const old = await sessionCookie(t.db, who);
    await callerFor(t.db, who).me.changePassword({ currentPassword: PASSWORD, newPassword: "violet-harbour-42" });
    expect(await getRequestSession(requestWith("/api/x", old))).toBeNull();
    expect((await failure(authenticate(t.db, { email: u.email, password: PASSWORD, ip: "10.6.0.1" }))).message).toBe(BAD_CREDENTIALS);
    expect(await authenticate(t.db, { email: u.email, password: "violet-harbour-42", ip: "10.6.0.1" })).toMatchObject({ userId: u.userId });
  });
});
