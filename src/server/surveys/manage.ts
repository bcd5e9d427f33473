import { NotFoundError, UserError } from "@/server/errors";
import { audit, type Actor } from "@/server/pipeline/access";
import { DEFAULT_QUESTIONS, type SurveyType } from "./scales";
import { hashToken, newToken, surveyPath } from "./tokens";

// Managing surveys (support manager and CRM manager): create a survey with its open link, close / reopen it,
// and issue single-use links for one ticket or one account (and contact).

export async function listSurveys(a: Actor) {
  const [surveys, answers, links] = await Promise.all([
    a.db.survey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: { id: true, type: true, name: true, question: true, publicToken: true, active: true, createdAt: true } }),
    a.db.surveyResponse.groupBy({ by: ["surveyId"], _count: { _all: true }, _avg: { score: true }, _max: { respondedAt: true } }),
    a.db.surveyLink.groupBy({ by: ["surveyId"], _count: { _all: true, usedAt: true } }),
  ]);
  const a1 = new Map(answers.map((r) => [r.surveyId, r]));
  const l1 = new Map(links.map((r) => [r.surveyId, r]));
  return surveys.map((s) => ({
    ...s,
    path: surveyPath(s.publicToken),
    answers: a1.get(s.id)?._count._all ?? 0,
    meanScore: a1.get(s.id)?._avg.score ?? null,
    lastAnswerAt: a1.get(s.id)?._max.respondedAt ?? null,
    linksIssued: l1.get(s.id)?._count._all ?? 0,
    linksAnswered: l1.get(s.id)?._count.usedAt ?? 0,
  }));
}

export async function createSurvey(a: Actor, input: { type: SurveyType; name: string; question?: string }) {
  const name = input.name.trim();
  if (!name) throw new UserError("name: give the survey a name.");
  const question = input.question?.trim() || DEFAULT_QUESTIONS[input.type];
  return a.db.$transaction(async (tx) => {
    const s = await tx.survey.create({ data: { organizationId: a.organizationId, type: input.type, name, question, publicToken: newToken() }, select: { id: true, publicToken: true } });
    await audit(tx, { actorId: a.userId, action: "create", entityType: "Survey", entityId: s.id, changes: { type: input.type, name, question } });
    return { surveyId: s.id, path: surveyPath(s.publicToken) };
  });
}

/** Closes a survey (its links stop taking answers) or opens it again. */
export async function setSurveyActive(a: Actor, input: { surveyId: string; active: boolean }) {
  return a.db.$transaction(async (tx) => {
    const s = await tx.survey.findFirst({ where: { id: input.surveyId }, select: { id: true, active: true } });
    if (!s) throw new NotFoundError("surveyId: no such survey in this organization.");
    if (s.active === input.active) return { surveyId: s.id, active: s.active, changed: false };
    await tx.survey.update({ where: { id: s.id }, data: { active: input.active } });
    await audit(tx, { actorId: a.userId, action: "update", entityType: "Survey", entityId: s.id, changes: { active: { from: s.active, to: input.active } } });
    return { surveyId: s.id, active: input.active, changed: true };
  });
}

/**
 * A single-use link for one recipient: about a ticket (the answer is linked to the ticket, its account and
 * contact, and counts for the ticket's assignee) or about an account (optionally one of its contacts).
 * The token is returned once; only its hash is kept.
 */
export async function createSurveyLink(a: Actor, input: { surveyId: string; ticketId?: string; accountId?: string; contactId?: string }) {
  if (!input.ticketId && !input.accountId) throw new UserError("ticketId: choose the ticket or the account the answer will be about.");
  return a.db.$transaction(async (tx) => {
    const survey = await tx.survey.findFirst({ where: { id: input.surveyId }, select: { id: true, active: true } });
    if (!survey) throw new NotFoundError("surveyId: no such survey in this organization.");
    if (!survey.active) throw new UserError("surveyId: the survey is closed. Open it again to send links.");
    let accountId = input.accountId ?? null;
    let contactId = input.contactId ?? null;
    if (input.ticketId) {
      const t = await tx.ticket.findFirst({ where: { id: input.ticketId, deletedAt: null }, select: { id: true, accountId: true, contactId: true } });
      if (!t) throw new UserError("ticketId: no such ticket in this organization.");
      if (accountId && t.accountId && accountId !== t.accountId) throw new UserError("accountId: the ticket belongs to another account.");
      accountId ??= t.accountId;
      contactId ??= t.contactId;
    }
    if (accountId) {
      const acc = await tx.account.findFirst({ where: { id: accountId, deletedAt: null }, select: { id: true } });
      if (!acc) throw new UserError("accountId: no such account in this organization.");
    }
    if (input.contactId) {
      const c = await tx.contact.findFirst({ where: { id: input.contactId, deletedAt: null }, select: { id: true, accountId: true } });
      if (!c) throw new UserError("contactId: no such contact in this organization.");
      if (accountId && c.accountId && c.accountId !== accountId) throw new UserError("contactId: the contact belongs to another account.");
    }
    const token = newToken();
    const link = await tx.surveyLink.create({
      data: { organizationId: a.organizationId, surveyId: survey.id, tokenHash: hashToken(token), ticketId: input.ticketId ?? null, accountId, contactId, createdById: a.userId },
      select: { id: true },
    });
    await audit(tx, { actorId: a.userId, action: "create", entityType: "SurveyLink", entityId: link.id, changes: { surveyId: survey.id, ticketId: input.ticketId ?? null, accountId, contactId } });
    return { linkId: link.id, path: surveyPath(token) };
  });
}

/** What a single-use link can be about: the most recent tickets and the accounts, optionally matching `q`. */
export async function listLinkTargets(a: Actor, input: { q?: string }) {
  const q = input.q?.trim();
  const [tickets, accounts] = await Promise.all([
    a.db.ticket.findMany({
      where: { deletedAt: null, ...(q ? { subject: { contains: q, mode: "insensitive" as const } } : {}) },
      orderBy: [{ openedAt: "desc" }, { id: "asc" }],
      take: 30,
      select: { id: true, subject: true, resolvedAt: true, account: { select: { name: true } } },
    }),
    a.db.account.findMany({
      where: { deletedAt: null, ...(q ? { name: { contains: q, mode: "insensitive" as const } } : {}) },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: 30,
      select: { id: true, name: true },
    }),
  ]);
  return { tickets: tickets.map(({ account, ...t }) => ({ ...t, accountName: account?.name ?? null })), accounts };
}
