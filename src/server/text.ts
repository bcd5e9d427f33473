// Strings PostgreSQL cannot store: refused with the field that holds them, before anything is written.

/** A lone UTF-16 surrogate: JSON can carry one ("\\ud800"), but it is not text (PostgreSQL refuses it in a json column). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a string that PostgreSQL cannot store, or null. */
export function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "text cannot contain the NUL character.";
  if (LONE_SURROGATE.test(s)) return "text contains an invalid character (half of a UTF-16 surrogate pair).";
  return null;
}

/** The first string in a value that PostgreSQL cannot store: its path and why, or null. */
export function badTextPath(value: unknown, path = "input", depth = 0): { path: string; problem: string } | null {
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (!value || typeof value !== "object" || depth > 50) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = badTextPath(v, path === "input" ? k : `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}
