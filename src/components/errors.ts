// Turning errors from tRPC (or the network) into text for a form. Pure: safe on client and server.

export type FormError = { message: string; fieldErrors: Record<string, string[]> };

type TrpcLike = { message?: unknown; data?: { code?: unknown; fieldErrors?: unknown } | null };

export const NETWORK_MESSAGE = "Could not reach the server. Check your connection and try again.";
export const GENERIC_MESSAGE = "Something went wrong. Try again.";

/** The error's code from tRPC (e.g. "FORBIDDEN", "SERVICE_UNAVAILABLE"), if any. */
export function errorCode(e: unknown): string | undefined {
  const code = (e as TrpcLike | null)?.data?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * The message to show (server messages are written for users) and field-level messages from
 * `data.fieldErrors` (zod). Domain messages shaped "field: message" (and zod summaries
 * "field: message; field: message") lose the field prefix when `field` is one of `fields`,
 * so the sentence reads naturally next to the form.
 */
export function toFormError(e: unknown, fields: readonly string[] = []): FormError {
  const raw = (e as TrpcLike | null)?.message;
  let message = typeof raw === "string" && raw.trim() ? raw : GENERIC_MESSAGE;
  if (/failed to fetch|networkerror|load failed|fetch failed/i.test(message)) message = NETWORK_MESSAGE;
  // a non-JSON answer (proxy error page, crashed server) is not a message for people
  if (/unexpected token|is not valid json|JSON\.parse/i.test(message)) message = GENERIC_MESSAGE;

  const fieldErrors: Record<string, string[]> = {};
  const fromServer = (e as TrpcLike | null)?.data?.fieldErrors;
  if (fromServer && typeof fromServer === "object") {
    for (const [key, value] of Object.entries(fromServer as Record<string, unknown>)) {
      if (Array.isArray(value)) fieldErrors[key] = value.filter((v): v is string => typeof v === "string");
    }
  }
  return { message: humanize(message, fields), fieldErrors };
}

function humanize(message: string, fields: readonly string[]): string {
  return message
    .split("; ")
    .map((part) => {
      const m = /^(\w+): (.+)$/s.exec(part);
      return m && fields.includes(m[1]!) ? capitalize(m[2]!) : part;
    })
    .map((part) => (/[.!?]$/.test(part) ? part : `${part}.`))
    .join(" ");
}

function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** True when the message says the database cannot be reached. */
/**
 * The digest a server component's "database unavailable" error carries to the error boundary (production
 * replaces server error messages with a generic text but keeps a digest the error already has).
 */
export const DATABASE_DOWN_DIGEST = "SASARAN_DATABASE_UNAVAILABLE";

export function mentionsDatabaseDown(message: string): boolean {
  return /database/i.test(message) && /unavailable|unreachable|not reachable|can't reach|cannot reach|down/i.test(message);
}
