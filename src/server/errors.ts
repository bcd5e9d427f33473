import { DatabaseUnavailableError } from "@/server/db/client";

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
  return /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|Connection terminated|DatabaseNotReachable|P1001|too many clients|the database system is (starting up|shutting down)|Can't reach database/i.test(msg);
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
