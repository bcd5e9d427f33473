import type { LeadStatus } from "@/generated/prisma/client";
import { diffChanges } from "@/server/audit/record";
import { NotFoundError, UserError } from "@/server/errors";
import { fireAutomation, type AutomationDb } from "@/server/automation/fire";
import { assertMayWork, audit, ownerScope, type Actor } from "./access";
import { retryOnConflict } from "@/server/db/retry";

// The lead status flow: NEW -> CONTACTED -> QUALIFIED -> CONVERTED (into a deal), with NURTURE (not ready yet,
// kept warm) and LOST (disqualified) on the side. CONVERTED is reached only by converting the lead, and is final.
// The KPIs read convertedAt (lead conversion) and lostAt; the status itself is for the people working the leads.

export const LEAD_STATUSES = ["NEW", "CONTACTED", "QUALIFIED", "NURTURE", "LOST", "CONVERTED"] as const satisfies readonly LeadStatus[];
/** Statuses a person sets by hand (CONVERTED comes from convertLead). */
export const SETTABLE_LEAD_STATUSES = ["NEW", "CONTACTED", "QUALIFIED", "NURTURE", "LOST"] as const satisfies readonly LeadStatus[];
export type SettableLeadStatus = (typeof SETTABLE_LEAD_STATUSES)[number];

const PAGE_SIZE = 50;

export async function listLeads(a: Actor, input: { status?: LeadStatus; ownerId?: string | null; page?: number }) {
  const owner = ownerScope(a, input.ownerId);
  const base = { deletedAt: null, ...(owner ? { ownerId: owner } : {}) };
  const where = { ...base, ...(input.status ? { status: input.status } : { status: { notIn: ["CONVERTED", "LOST"] as LeadStatus[] } }) };
  const page = Math.max(1, input.page ?? 1);
  const [counts, rows, total] = await Promise.all([
    a.db.lead.groupBy({ by: ["status"], where: base, _count: { _all: true } }),
    a.db.lead.findMany({
      where,
      // the best leads first (score from the scoring model), then the newest
      orderBy: [{ score: "desc" }, { createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, firstName: true, lastName: true, company: true, email: true, source: true, status: true, score: true, ownerId: true, createdAt: true, convertedAt: true, deals: { select: { id: true, name: true }, take: 1 } },
    }),
    a.db.lead.count({ where }),
  ]);
  return {
    counts: Object.fromEntries(LEAD_STATUSES.map((s) => [s, counts.find((c) => c.status === s)?._count._all ?? 0])) as Record<LeadStatus, number>,
    leads: rows.map(({ deals, ...l }) => ({ ...l, deal: deals[0] ?? null })),
    total,
    page,
    pageSize: PAGE_SIZE,
  };
}

async function loadLead(a: Actor, tx: Actor["db"], leadId: string) {
  const lead = await tx.lead.findFirst({
    where: { id: leadId, deletedAt: null },
    select: { id: true, firstName: true, lastName: true, email: true, company: true, industry: true, employees: true, status: true, ownerId: true, campaignId: true, accountId: true, lostAt: true, convertedAt: true },
  });
  if (!lead) throw new NotFoundError("leadId: no such lead in this organization.");
  assertMayWork(a, lead.ownerId, "leads");
  return lead;
}

/** Sets a lead's status by hand; LOST records lostAt, leaving LOST clears it. */
export async function setLeadStatus(a: Actor, input: { leadId: string; status: SettableLeadStatus }, now = new Date()) {
  return retryOnConflict(() =>
    a.db.$transaction(async (tx) => {
      const lead = await loadLead(a, tx as Actor["db"], input.leadId);
      if (lead.status === "CONVERTED") throw new UserError("status: this lead was converted into a deal; its status can no longer change.");
      if (lead.status === input.status) return { leadId: lead.id, status: lead.status, changed: false };
      const data = { status: input.status, lostAt: input.status === "LOST" ? now : null };
      const updated = await tx.lead.updateMany({ where: { id: lead.id, status: lead.status }, data });
      if (updated.count !== 1) throw new UserError("leadId: this lead was changed by someone else in the meantime. Reload and try again.");
      await audit(tx, { actorId: a.userId, action: "update", entityType: "Lead", entityId: lead.id, changes: diffChanges(lead, data) });
      await fireAutomation(tx as unknown as AutomationDb, { organizationId: a.organizationId, entity: "lead", id: lead.id, event: "stageChanged", changeKey: `${input.status}@${now.toISOString()}`, actorId: a.userId, now });
      return { leadId: lead.id, status: input.status, changed: true };
    })
  );
}

const normalize = (s: string) => s.trim().replace(/\s+/g, " ");

/**
 * Converts a lead into a deal in the first open stage of the pipeline, in one transaction: the lead becomes
 * CONVERTED (convertedAt = now: the lead-conversion KPIs count it), its company becomes an account (an existing
 * account with the same name is reused) with the lead as a contact (unless a contact with that email exists),
 * and the deal is linked to the lead, the account and the lead's campaign. Converting an already converted
 * lead changes nothing and returns its deal (a double submit is harmless).
 */
export async function convertLead(a: Actor, input: { leadId: string; amount: number; dealName?: string; expectedCloseAt?: Date | null }, now = new Date()) {
  if (!Number.isFinite(input.amount) || input.amount < 0) throw new UserError("amount: must be zero or more.");
  return retryOnConflict(() =>
    a.db.$transaction(async (tx) => {
      const lead = await loadLead(a, tx as Actor["db"], input.leadId);
      if (lead.status === "CONVERTED") {
        const deal = await tx.deal.findFirst({ where: { leadId: lead.id, deletedAt: null }, select: { id: true }, orderBy: { createdAt: "asc" } });
        return { leadId: lead.id, dealId: deal?.id ?? null, accountId: lead.accountId, changed: false };
      }
      if (lead.status === "LOST") throw new UserError("leadId: this lead is lost; set it back to an open status before converting it.");
      const stage = await tx.pipelineStage.findFirst({ where: { kind: "OPEN" }, orderBy: { position: "asc" }, select: { id: true } });
      if (!stage) throw new UserError("leadId: the pipeline has no open stage to put the deal in.");
      const claimed = await tx.lead.updateMany({ where: { id: lead.id, status: lead.status }, data: { status: "CONVERTED", convertedAt: now } });
      if (claimed.count !== 1) throw new UserError("leadId: this lead was changed by someone else in the meantime. Reload and try again.");

      const ownerId = lead.ownerId ?? a.userId;
      const leadName = normalize(`${lead.firstName} ${lead.lastName}`);
      let accountId = lead.accountId;
      if (!accountId && lead.company?.trim()) {
        const company = normalize(lead.company);
        const existing = await tx.account.findFirst({ where: { name: { equals: company, mode: "insensitive" }, deletedAt: null }, select: { id: true } });
        if (existing) accountId = existing.id;
        else {
          const acc = await tx.account.create({
            data: { organizationId: a.organizationId, name: company, industry: lead.industry, employees: lead.employees, ownerId, campaignId: lead.campaignId },
            select: { id: true },
          });
          accountId = acc.id;
          await audit(tx, { actorId: a.userId, action: "create", entityType: "Account", entityId: acc.id, changes: { name: company, fromLeadId: lead.id } });
        }
      }
      const email = lead.email?.trim().toLowerCase();
      const knownContact = email ? await tx.contact.findFirst({ where: { email: { equals: email, mode: "insensitive" }, deletedAt: null }, select: { id: true } }) : null;
      if (!knownContact) {
        const c = await tx.contact.create({ data: { organizationId: a.organizationId, firstName: lead.firstName, lastName: lead.lastName, email: lead.email, accountId, ownerId }, select: { id: true } });
        await audit(tx, { actorId: a.userId, action: "create", entityType: "Contact", entityId: c.id, changes: { name: leadName, fromLeadId: lead.id } });
      }
      const name = input.dealName?.trim() || (lead.company?.trim() ? normalize(lead.company) : leadName);
      const deal = await tx.deal.create({
        data: { organizationId: a.organizationId, name, amount: input.amount, accountId, leadId: lead.id, ownerId, stageId: stage.id, campaignId: lead.campaignId, openedAt: now, expectedCloseAt: input.expectedCloseAt ?? null },
        select: { id: true },
      });
      await tx.dealStageChange.create({ data: { organizationId: a.organizationId, dealId: deal.id, fromStageId: null, toStageId: stage.id, changedAt: now, changedById: a.userId } });
      if (accountId !== lead.accountId) await tx.lead.update({ where: { id: lead.id }, data: { accountId } });
      await audit(tx, { actorId: a.userId, action: "create", entityType: "Deal", entityId: deal.id, changes: { name, amount: input.amount, stageId: stage.id, fromLeadId: lead.id } });
      await audit(tx, {
        actorId: a.userId, action: "update", entityType: "Lead", entityId: lead.id,
        changes: diffChanges(lead, { status: "CONVERTED", convertedAt: now, accountId }),
      });
      // automation rules: the lead's status changed (to CONVERTED) and a deal was created
      const fire = (e: Omit<Parameters<typeof fireAutomation>[1], "organizationId" | "actorId" | "now">) =>
        fireAutomation(tx as unknown as AutomationDb, { organizationId: a.organizationId, actorId: a.userId, now, ...e });
      await fire({ entity: "lead", id: lead.id, event: "stageChanged", changeKey: `CONVERTED@${now.toISOString()}` });
      await fire({ entity: "deal", id: deal.id, event: "created" });
      return { leadId: lead.id, dealId: deal.id, accountId, changed: true };
    })
  );
}
