import { DatabaseUnavailableError } from "@/server/db/client";
import { DATABASE_DOWN_DIGEST } from "@/components/errors";

/** An error whose message is written for the user (which field, why). Shown as it is. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

export const DATABASE_DOWN_MESSAGE =
  "The database is unavailable right now. Try again in a minute; if it persists, tell your administrator.";

/** True for errors that mean the database could not be reached (not a bug in the request). */
export function isDatabaseDown(e: unknown): boolean {
  if (e instanceof DatabaseUnavailableError) return true;
  const msg = e instanceof Error ? `${e.name} ${e.message} ${(e as { code?: string }).code ?? ""}` : String(e);
  // 57P01-57P03: the server is shutting down, crashed or not yet accepting connections (a restart)
  return /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ECONNRESET|Connection terminated|ConnectionClosed|DatabaseNotReachable|P1001|too many clients|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|terminating connection due to administrator command|server closed the connection unexpectedly|\b57P0[123]\b|Can't reach database/i.test(msg);
}

export const DATABASE_BUSY_MESSAGE = "The server is busy right now. Try again in a moment.";

/** True when every database connection stayed busy longer than a transaction may wait (P2028): overload, not a bug. */
export function isDatabaseBusy(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return /Unable to start a transaction in the given time|Timed out fetching a new connection from the connection pool/i.test(msg);
}

/**
 * For server components: an unreachable database becomes an error whose digest the error page recognises
 * ("The database is unavailable" instead of "Something went wrong"; production hides server messages).
 */
export function forPages(e: unknown): unknown {
  if (!isDatabaseDown(e)) return e;
  return Object.assign(new Error(DATABASE_DOWN_MESSAGE), { digest: DATABASE_DOWN_DIGEST });
}

/** A message safe to show a user: our own messages as they are, infrastructure failures in plain words. */
export function userFacingError(e: unknown): string {
  if (e instanceof UserError || e instanceof DatabaseUnavailableError) return e.message;
  if (isDatabaseDown(e)) return DATABASE_DOWN_MESSAGE;
  return "Something went wrong. Try again.";
}

/** The caller may not do this (role or ownership); becomes a 403. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** The record does not exist in the caller's organization; becomes a 404. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}
