// Password rules, one place for sign-up, adding a user and changing a password (server and forms).
// Pure module: safe to import on the client.
import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

// A small list of the most common passwords of 12+ characters (and common patterns), compared lower-cased.
// Shorter common passwords are already refused by the length rule.
const COMMON = new Set([
  "123456789012", "1234567890123", "12345678901234", "123456789123", "111111111111", "000000000000",
  "password1234", "password12345", "password123456", "passwordpassword", "password1234!", "password123!",
  "qwertyuiopas", "qwertyuiop123", "qwerty123456", "1q2w3e4r5t6y", "1qaz2wsx3edc", "qazwsxedcrfv",
  "asdfghjkl123", "zxcvbnm12345", "iloveyou1234", "letmein12345", "welcome12345", "welcome123456",
  "administrator", "admin1234567", "changeme1234", "trustno1trustno1", "abcdefghijkl", "abcdefgh1234",
  "abc123abc123", "football1234", "baseball1234", "superman1234", "starwars1234", "monkey123456",
  "dragon123456", "sunshine1234", "princess1234", "master123456", "whatever1234", "correcthorsebatterystaple",
  "aaaaaaaaaaaa", "passw0rd1234", "p@ssw0rd1234", "p@ssword1234", "secret123456", "mypassword123",
  "mypassword1234", "thisismypassword", "letmeinplease", "qwertyqwerty", "asdfasdfasdf", "11223344556677",
  "121212121212", "123123123123", "987654321098", "0987654321", "sasaran12345", "sasaranpassword",
]);

/** The problem with a password, or null when it is acceptable. `email` (when known) must not be the password. */
export function passwordProblem(password: string, email?: string | null): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lower = password.toLowerCase();
  const mail = email?.trim().toLowerCase();
  if (mail && (lower === mail || lower === mail.split("@")[0])) return "Do not use your email address as your password.";
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return "This password is too common. Choose another one.";
  return null;
}

/** A new password as a zod field (length, common passwords); pair it with `refineNotEmail` on the object. */
export const newPasswordSchema = z.string().superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Object-level rule: the password is not the email (reported on the password field). */
export function refineNotEmail<T extends { email?: string | null }>(passwordKey: keyof T & string) {
  return (v: T, ctx: z.RefinementCtx) => {
    const p = v[passwordKey];
    if (typeof p !== "string" || !v.email || passwordProblem(p)) return; // the field's own rule already reported it
    const problem = passwordProblem(p, v.email);
    if (problem) ctx.addIssue({ code: "custom", path: [passwordKey], message: problem });
  };
}
