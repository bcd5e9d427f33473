import type { PrismaClient } from "@/generated/prisma/client";
import { audit } from "@/server/pipeline/access";
import { tenantDb } from "@/server/db/tenant";
import { UserError } from "@/server/errors";
import { MAX_COMMENT, parseScore, type SurveyType } from "./scales";
import { hashToken, TOKEN_PATTERN } from "./tokens";
import { textProblem } from "@/server/text";

// The public side of surveys: /s/<token>, answered without an account. A token is either a single-use link
// (SurveyLink, found by its hash) or a survey's open link (Survey.publicToken, many answers). The token alone
// decides the organization; nothing from the request can point the answer at another survey or organization.

export type PublicSurvey = {
  kind: "link" | "open";
  organizationId: string;
  organizationName: string;
  surveyId: string;
  type: SurveyType;
  name: string;
  question: string;
  active: boolean;
  /** a single-use link that was already answered */
  answered: boolean;
  link: { id: string; tokenHash: string; ticketId: string | null; accountId: string | null; contactId: string | null } | null;
};

const SURVEY_SELECT = { id: true, organizationId: true, type: true, name: true, question: true, active: true, organization: { select: { name: true } } } as const;

export async function findSurveyByToken(db: PrismaClient, token: string): Promise<PublicSurvey | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const tokenHash = hashToken(token);
  const link = await db.surveyLink.findUnique({
    where: { tokenHash },
    select: { id: true, tokenHash: true, ticketId: true, accountId: true, contactId: true, usedAt: true, survey: { select: SURVEY_SELECT } },
  });
  if (link) {
    const { survey: s, usedAt, ...l } = link;
    return { kind: "link", organizationId: s.organizationId, organizationName: s.organization.name, surveyId: s.id, type: s.type, name: s.name, question: s.question, active: s.active, answered: usedAt !== null, link: l };
  }
  const s = await db.survey.findUnique({ where: { publicToken: token }, select: SURVEY_SELECT });
  if (!s) return null;
  return { kind: "open", organizationId: s.organizationId, organizationName: s.organization.name, surveyId: s.id, type: s.type, name: s.name, question: s.question, active: s.active, answered: false, link: null };
}

export type AnswerResult = "answered" | "already_answered" | "closed" | "not_found";

/**
 * Records one answer. A single-use link is claimed (usedAt set where it is still NULL) in the same transaction
 * that inserts the response, so of two simultaneous submissions exactly one is recorded; the response's unique
 * token (the link's hash) guards the same thing at the database level. Bad input throws UserError and changes
 * nothing. The response is what the KPIs read (type, score, respondedAt, ticket/account), at once.
 */
export async function answerSurvey(db: PrismaClient, token: string, input: { score: unknown; comment?: unknown }, now = new Date()): Promise<AnswerResult> {
  const survey = await findSurveyByToken(db, token);
  if (!survey) return "not_found";
  if (!survey.active) return "closed";
  if (survey.answered) return "already_answered";
  const parsed = parseScore(survey.type, input.score);
  if ("error" in parsed) throw new UserError(parsed.error);
  const rawComment = typeof input.comment === "string" ? input.comment.trim() : "";
  const problem = textProblem(rawComment);
  if (problem) throw new UserError(`comment: ${problem}`);
  if (rawComment.length > MAX_COMMENT) throw new UserError(`comment: keep it under ${MAX_COMMENT} characters.`);
  const comment = rawComment || null;

  const tdb = tenantDb(db, survey.organizationId);
  try {
    return await tdb.$transaction(async (tx) => {
      const l = survey.link;
      if (l) {
        const claimed = await tx.surveyLink.updateMany({ where: { id: l.id, usedAt: null }, data: { usedAt: now } });
        if (claimed.count !== 1) return "already_answered" as const;
      }
      const r = await tx.surveyResponse.create({
        data: {
          organizationId: survey.organizationId, surveyId: survey.surveyId, type: survey.type, score: parsed.score, comment, respondedAt: now,
          token: l?.tokenHash ?? null, ticketId: l?.ticketId ?? null, accountId: l?.accountId ?? null, contactId: l?.contactId ?? null,
        },
        select: { id: true },
      });
      await audit(tx, { actorId: null, action: "create", entityType: "SurveyResponse", entityId: r.id, changes: { surveyId: survey.surveyId, score: parsed.score, via: survey.kind } });
      return "answered" as const;
    });
  } catch (e) {
    // the other submission of the same link won the race
    if ((e as { code?: string }).code === "P2002") return "already_answered";
    throw e;
  }
}
