import { UserError } from "@/server/errors";
import { audit, type Actor } from "@/server/pipeline/access";

// Merging duplicates (CRM manager): the chosen surviving record keeps its values, takes over the empty ones
// from the duplicates (oldest first), and receives all their children; the duplicates are soft-deleted
// (deletedAt, so they leave every KPI and list but stay restorable). One transaction, with a "merge" audit
// entry on the survivor (what moved, which fields were filled) and a "delete" entry per duplicate.

type Tx = Parameters<Parameters<Actor["db"]["$transaction"]>[0]>[0];

export const MAX_MERGE = 20;

function checkIds(input: { survivorId: string; duplicateIds: string[] }) {
  const dups = [...new Set(input.duplicateIds)];
  if (dups.length === 0) throw new UserError("duplicateIds: choose at least one duplicate to merge into the record you keep.");
  if (dups.length > MAX_MERGE) throw new UserError(`duplicateIds: merge at most ${MAX_MERGE} records at once.`);
  if (dups.includes(input.survivorId)) throw new UserError("duplicateIds: the record you keep cannot also be merged away.");
  return dups;
}

async function load<T extends { id: string }>(rows: Promise<T[]>, survivorId: string, dups: string[], what: string) {
  const found = await rows;
  const byId = new Map(found.map((r) => [r.id, r]));
  const survivor = byId.get(survivorId);
  if (!survivor) throw new UserError(`survivorId: no such ${what} in this organization (or it was deleted).`);
  const missing = dups.filter((id) => !byId.has(id));
  if (missing.length) throw new UserError(`duplicateIds: no such ${what} in this organization (or already merged): ${missing.join(", ")}.`);
  return { survivor, duplicates: dups.map((id) => byId.get(id)!) };
}

/** survivor's empty fields take the first non-empty value among the duplicates (given oldest first). */
function fillBlanks<T extends Record<string, unknown>>(survivor: T, duplicates: T[], fields: (keyof T & string)[]) {
  const data: Record<string, unknown> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of fields) {
    const blank = survivor[f] === null || (typeof survivor[f] === "string" && !(survivor[f] as string).trim());
    if (!blank) continue;
    const v = duplicates.map((d) => d[f]).find((x) => x !== null && !(typeof x === "string" && !x.trim()));
    if (v !== undefined) {
      data[f] = v;
      changes[f] = { from: survivor[f] ?? null, to: v };
    }
  }
  return { data, changes };
}

async function softDelete(tx: Tx, a: Actor, entityType: string, ids: string[], survivorId: string, now: Date) {
  const where = { id: { in: ids }, deletedAt: null };
  if (entityType === "Account") await tx.account.updateMany({ where, data: { deletedAt: now } });
  else await tx.contact.updateMany({ where, data: { deletedAt: now } });
  for (const id of ids) await audit(tx, { actorId: a.userId, action: "delete", entityType, entityId: id, changes: { mergedInto: survivorId } });
}

const ACCOUNT_FIELDS = ["segment", "industry", "employees", "website", "ownerId", "campaignId", "externalId"] as const;

export async function mergeAccounts(a: Actor, input: { survivorId: string; duplicateIds: string[] }, now = new Date()) {
  const dupIds = checkIds(input);
  return a.db.$transaction(async (tx) => {
    const { survivor, duplicates } = await load(
      tx.account.findMany({
        where: { id: { in: [input.survivorId, ...dupIds] }, deletedAt: null },
        orderBy: { createdAt: "asc" },
        select: { id: true, name: true, segment: true, industry: true, employees: true, website: true, ownerId: true, campaignId: true, externalId: true, status: true, startDate: true, churnDate: true, createdAt: true },
      }),
      input.survivorId, dupIds, "account",
    );
    duplicates.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
    const { data, changes } = fillBlanks(survivor, duplicates, [...ACCOUNT_FIELDS]);
    // one customer: customer since the earliest start; still a customer if any of them still is
    const all = [survivor, ...duplicates];
    const starts = all.map((x) => x.startDate).filter((d): d is Date => !!d);
    const startDate = starts.length ? new Date(Math.min(...starts.map((d) => d.getTime()))) : null;
    const current = all.some((x) => x.startDate && !x.churnDate);
    const churns = all.map((x) => x.churnDate).filter((d): d is Date => !!d);
    const churnDate = startDate && !current && churns.length ? new Date(Math.max(...churns.map((d) => d.getTime()))) : null;
    const status = current ? "ACTIVE" : churnDate ? "CHURNED" : survivor.status;
    for (const [f, v] of [["startDate", startDate], ["churnDate", churnDate], ["status", status]] as const) {
      const before = survivor[f];
      if ((before instanceof Date ? before.getTime() : before) !== (v instanceof Date ? v.getTime() : v)) {
        data[f] = v;
        changes[f] = { from: before, to: v };
      }
    }
    const where = { accountId: { in: dupIds } };
    const to = { accountId: survivor.id };
    const [contacts, deals, tickets, purchases, leads, activities, responses, links] = await Promise.all([
      tx.contact.updateMany({ where, data: to }),
      tx.deal.updateMany({ where, data: to }),
      tx.ticket.updateMany({ where, data: to }),
      tx.purchase.updateMany({ where, data: to }),
      tx.lead.updateMany({ where, data: to }),
      tx.activity.updateMany({ where, data: to }),
      tx.surveyResponse.updateMany({ where, data: to }),
      tx.surveyLink.updateMany({ where, data: to }),
    ]);
    if (Object.keys(data).length) await tx.account.update({ where: { id: survivor.id }, data });
    const moved = { contacts: contacts.count, deals: deals.count, tickets: tickets.count, purchases: purchases.count, leads: leads.count, activities: activities.count, surveyResponses: responses.count, surveyLinks: links.count };
    await audit(tx, { actorId: a.userId, action: "merge", entityType: "Account", entityId: survivor.id, changes: { ...changes, merged: { from: null, to: dupIds }, moved: { from: null, to: moved } } });
    await softDelete(tx, a, "Account", dupIds, survivor.id, now);
    return { survivorId: survivor.id, merged: dupIds.length, moved, filled: Object.keys(changes) };
  });
}

const CONTACT_FIELDS = ["email", "phone", "title", "accountId", "ownerId", "externalId"] as const;

export async function mergeContacts(a: Actor, input: { survivorId: string; duplicateIds: string[] }, now = new Date()) {
  const dupIds = checkIds(input);
  return a.db.$transaction(async (tx) => {
    const { survivor, duplicates } = await load(
      tx.contact.findMany({
        where: { id: { in: [input.survivorId, ...dupIds] }, deletedAt: null },
        select: { id: true, email: true, phone: true, title: true, accountId: true, ownerId: true, externalId: true, emailOptInAt: true, createdAt: true },
      }),
      input.survivorId, dupIds, "contact",
    );
    duplicates.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
    const { data, changes } = fillBlanks(survivor, duplicates, [...CONTACT_FIELDS]);
    // on the list since the first opt-in of any of them
    const optIns = [survivor, ...duplicates].map((x) => x.emailOptInAt).filter((d): d is Date => !!d);
    const optIn = optIns.length ? new Date(Math.min(...optIns.map((d) => d.getTime()))) : null;
    if (optIn && optIn.getTime() !== survivor.emailOptInAt?.getTime()) {
      data.emailOptInAt = optIn;
      changes.emailOptInAt = { from: survivor.emailOptInAt, to: optIn };
    }
    const where = { contactId: { in: dupIds } };
    const to = { contactId: survivor.id };
    const [tickets, responses, links] = await Promise.all([
      tx.ticket.updateMany({ where, data: to }),
      tx.surveyResponse.updateMany({ where, data: to }),
      tx.surveyLink.updateMany({ where, data: to }),
    ]);
    if (Object.keys(data).length) await tx.contact.update({ where: { id: survivor.id }, data });
    const moved = { tickets: tickets.count, surveyResponses: responses.count, surveyLinks: links.count };
    await audit(tx, { actorId: a.userId, action: "merge", entityType: "Contact", entityId: survivor.id, changes: { ...changes, merged: { from: null, to: dupIds }, moved: { from: null, to: moved } } });
    await softDelete(tx, a, "Contact", dupIds, survivor.id, now);
    return { survivorId: survivor.id, merged: dupIds.length, moved, filled: Object.keys(changes) };
  });
}
