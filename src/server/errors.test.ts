// What the app treats as "database unavailable" (a 503 with a plain message from tRPC, the database sentence on
// error pages): the errors seen while PostgreSQL restarted under load (scripts/faults.ts), and nothing else.
import { describe, expect, it } from "vitest";
import { DATABASE_DOWN_DIGEST } from "@/components/errors";
import { DATABASE_DOWN_MESSAGE, forPages, isDatabaseBusy, isDatabaseDown, UserError } from "./errors";

const pgError = (message: string, code: string) => Object.assign(new Error(message), { code, severity: "FATAL" });

describe("isDatabaseDown", () => {
  it("recognises a server that is stopped, stopping, restarting or dropped the connection", () => {
    const down = [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("\nInvalid `prisma.membership.findFirst()` invocation:\n\n\nCan't reach database server at 127.0.0.1:5432"), { name: "PrismaClientKnownRequestError", code: "P1001" }),
      pgError("terminating connection due to administrator command", "57P01"),
      pgError("the database system is shutting down", "57P03"),
      pgError("the database system is starting up", "57P03"),
      pgError("the database system is not yet accepting connections", "57P03"),
      new Error("Connection terminated unexpectedly"),
      Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      Object.assign(new Error("ConnectionClosed"), { name: "DriverAdapterError" }),
    ];
    expect(down.map(isDatabaseDown)).toEqual(down.map(() => true));
  });

  it("does not hide real bugs or bad input as an outage", () => {
    const notDown = [
      new UserError("email: enter a valid email"),
      pgError('duplicate key value violates unique constraint "User_email_key"', "23505"),
      pgError('relation "Nope" does not exist', "42P01"),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
    ];
    expect(notDown.map(isDatabaseDown)).toEqual([false, false, false, false]);
  });
});

describe("forPages", () => {
  it("gives an unreachable database the digest the error page shows as 'The database is unavailable'", () => {
    const e = forPages(pgError("terminating connection due to administrator command", "57P01")) as Error & { digest?: string };
    expect([e.message, e.digest]).toEqual([DATABASE_DOWN_MESSAGE, DATABASE_DOWN_DIGEST]);
    const bug = new TypeError("x is undefined");
    expect(forPages(bug)).toBe(bug);
  });
});

describe("isDatabaseBusy", () => {
  it("recognises a transaction that found no free connection in time (the load test's 500s, now 503s)", () => {
    const p2028 = Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" });
    expect([isDatabaseBusy(p2028), isDatabaseDown(p2028)]).toEqual([true, false]);
    expect(isDatabaseBusy(new Error("Transaction already closed: A commit cannot be executed on a committed transaction."))).toBe(false);
  });
});
