import { createHash, randomBytes } from "node:crypto";

// Survey link tokens: 24 random bytes (192 bits) as base64url, 32 characters — not guessable. A survey's open
// link keeps its token in Survey.publicToken (shown to managers at any time); a single-use link stores only the
// SHA-256 of its token (SurveyLink.tokenHash), so the link cannot be rebuilt from the database.

export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

/** Anything else in /s/<token> is not a token: answered with a 404 without touching the database. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

export function surveyPath(token: string): string {
  return `/s/${token}`;
}
