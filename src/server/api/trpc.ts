import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant";
import { findMembership } from "@/server/auth/login";
import { asKpiRequest } from "@/server/kpi/limit";
import { can, isRole, type Action } from "@/server/auth/permissions";
import { isDatabaseBusy, isDatabaseDown, DATABASE_BUSY_MESSAGE, DATABASE_DOWN_MESSAGE, ForbiddenError, NotFoundError, UserError } from "@/server/errors";
import { badTextPath } from "@/server/text";

/** Who is calling: null for an anonymous caller. Built from the next-auth session. */
export type Caller = { userId: string; organizationId: string } | null;

type Membership = Awaited<ReturnType<typeof findMembership>>;
export type Context = {
  caller: Caller;
  getDb: () => Promise<PrismaClient>;
  /** the caller's membership of its active organization, read once per context (one request) */
  membership: () => Promise<Membership>;
};

/**
 * One context per request (an HTTP call, or one server-rendered page): the procedures a page calls share its
 * membership read (`readMembership`: a server-rendered page passes the read its session check made). Tests make one per call (test/fixtures.ts), so a role changed between calls takes effect.
 */
export function createContext(caller: Caller, getDb: () => Promise<PrismaClient> = db, readMembership?: () => Promise<Membership>): Context {
  let membership: Promise<Membership> | undefined;
  const read = readMembership ?? (() => getDb().then((base) => findMembership(base, caller!.userId, caller!.organizationId)));
  return {
    caller,
    getDb,
    membership: () => (membership ??= caller ? read() : Promise.resolve(null)),
  };
}

export type Meta = { permission?: Action; public?: boolean };

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const zod = error.cause instanceof ZodError ? error.cause : null;
      return {
        ...shape,
        // field-level messages for forms: { "email": ["Invalid email"] }
        data: { ...shape.data, stack: undefined, fieldErrors: zod ? zodFieldErrors(zod) : null },
        message: zod ? zodSummary(zod) : shape.message,
      };
    },
  });

function zodFieldErrors(e: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of e.issues) (out[issue.path.join(".") || "input"] ??= []).push(issue.message);
  return out;
}
function zodSummary(e: ZodError): string {
  return e.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// Errors from domain logic are translated: UserError (bad input) -> 400, ForbiddenError -> 403,
// NotFoundError -> 404, each with its message; an unreachable or saturated database a 503 with a plain message;
// never a stack trace.
const errorBoundary = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok || result.error.code !== "INTERNAL_SERVER_ERROR") return result;
  const cause = result.error.cause ?? result.error;
  if (cause instanceof UserError) throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  if (cause instanceof ForbiddenError) throw new TRPCError({ code: "FORBIDDEN", message: cause.message, cause });
  if (cause instanceof NotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: cause.message, cause });
  // backstop: text PostgreSQL cannot store (invalid byte sequence) is bad input, not a server error
  if ((cause as { code?: string }).code === "22021" || /invalid byte sequence for encoding/.test(String((cause as Error).message))) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "input: text contains characters that cannot be stored.", cause });
  }
  if (isDatabaseDown(cause)) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DATABASE_DOWN_MESSAGE, cause });
  if (isDatabaseBusy(cause)) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DATABASE_BUSY_MESSAGE, cause });
  return result;
});

// Text with a NUL character or a lone surrogate is refused before any procedure runs (PostgreSQL rejects both:
// they were 500s).
const refuseBadText = t.middleware(async ({ getRawInput, next }) => {
  const bad = badTextPath(await getRawInput().catch(() => undefined));
  if (bad) throw new TRPCError({ code: "BAD_REQUEST", message: `${bad.path}: ${bad.problem}` });
  return next();
});

// The KPI statements of one request (one HTTP call, or one server-rendered page: its context) take turns with
// other requests' in the KPI queue (kpi/limit.ts), so a small call is not stuck behind several dashboards.
const kpiTurns = t.middleware(({ ctx, next }) => asKpiRequest(() => next(), ctx));

export const publicProcedure = t.procedure.meta({ public: true }).use(errorBoundary).use(kpiTurns).use(refuseBadText);

/** A signed-in user (any organization). */
export const authedProcedure = t.procedure.use(errorBoundary).use(kpiTurns).use(refuseBadText).use(({ ctx, next }) => {
  if (!ctx.caller) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { caller: ctx.caller } });
});

/**
 * A member of the caller's active organization, with the role from the database (not the cookie),
 * and a database handle scoped to that organization.
 */
export const orgProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const [base, m] = await Promise.all([ctx.getDb(), ctx.membership()]);
  if (!m || !isRole(m.role)) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this organization." });
  return next({
    ctx: {
      userId: ctx.caller.userId,
      organizationId: ctx.caller.organizationId,
      role: m.role,
      teamId: m.teamId,
      db: tenantDb(base, ctx.caller.organizationId),
      baseDb: base,
    },
  });
});

/** A member whose role is allowed the action by the permission table. Unknown role = denied. */
export function roleProcedure(permission: Action) {
  return orgProcedure.meta({ permission }).use(({ ctx, next }) => {
    if (!can(ctx.role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
    }
    return next();
  });
}
