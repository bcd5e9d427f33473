import { diffChanges } from "@/server/audit/record";
import { UserError } from "@/server/errors";
import { audit, type Actor } from "@/server/pipeline/access";
import { COMPANY_SIZE_BANDS, INCOME_BANDS, isDemographic, SCORE_MAX, SCORING_ATTRIBUTES, type ScoringAttribute, type WeightInput } from "./model";
import { recomputeLeadScores } from "./recompute";
import { fireScoreChanges, type AutomationDb } from "@/server/automation/fire";

// Setting the lead-scoring model (CRM manager and sales manager). Each change is one transaction: the weight,
// its audit entry, and the recompute of every lead's score (so the lists never show scores of an older model).

type Tx = Actor["db"];

/** Checks a weight; every problem is a UserError naming the field. Returns it normalised (values lower-cased). */
export function parseWeight(input: { attribute: string; value?: string | null; points: number; maxPoints?: number | null }): WeightInput {
  if (!(SCORING_ATTRIBUTES as readonly string[]).includes(input.attribute)) {
    throw new UserError(`attribute: unknown attribute "${input.attribute}"; one of ${SCORING_ATTRIBUTES.join(", ")}.`);
  }
  const attribute = input.attribute as ScoringAttribute;
  if (typeof input.points !== "number" || !Number.isFinite(input.points)) throw new UserError("points: must be a number.");
  if (input.points < 0) throw new UserError("points: must be zero or more (a weight adds points; leave an attribute out to give it none).");
  if (input.points > SCORE_MAX) throw new UserError(`points: at most ${SCORE_MAX} (the highest score).`);
  const maxPoints = input.maxPoints ?? null;
  const value = (input.value ?? "").trim().replace(/\s+/g, " ").toLowerCase();
  if (isDemographic(attribute)) {
    if (maxPoints !== null) throw new UserError("maxPoints: only behaviour attributes (counted per visit, open ...) have a cap.");
    if (!value) throw new UserError("value: enter the value that earns the points.");
    if (value.length > 100) throw new UserError("value: at most 100 characters.");
    if (attribute === "companySize" && !COMPANY_SIZE_BANDS.some(([label]) => label === value)) {
      throw new UserError(`value: company size must be one of ${COMPANY_SIZE_BANDS.map(([l]) => l).join(", ")}.`);
    }
    if (attribute === "incomeBand" && !INCOME_BANDS.some((b) => b.toLowerCase() === value)) {
      throw new UserError(`value: revenue band must be one of ${INCOME_BANDS.join(", ")}.`);
    }
    if (attribute === "titleKeyword" && value.length < 2) throw new UserError("value: a title keyword needs at least 2 characters.");
  } else {
    if (value) throw new UserError(`value: ${attribute} is counted, not matched; leave the value empty.`);
    if (maxPoints !== null && (!Number.isFinite(maxPoints) || maxPoints < 0 || maxPoints > SCORE_MAX)) {
      throw new UserError(`maxPoints: a number from 0 to ${SCORE_MAX}, or empty for no cap.`);
    }
  }
  return { attribute, value, points: input.points, maxPoints };
}

export async function listWeights(a: Actor) {
  return a.db.leadScoreWeight.findMany({ orderBy: [{ attribute: "asc" }, { value: "asc" }], select: { id: true, attribute: true, value: true, points: true, maxPoints: true } });
}

/** Adds a weight or changes the one with the same attribute and value; recomputes every lead's score. */
export async function setWeight(a: Actor, input: { attribute: string; value?: string | null; points: number; maxPoints?: number | null }) {
  const w = parseWeight(input);
  return a.db.$transaction(async (t) => {
    const tx = t as Tx;
    const before = await tx.leadScoreWeight.findFirst({ where: { attribute: w.attribute, value: w.value }, select: { id: true, points: true, maxPoints: true } });
    const data = { points: w.points, maxPoints: w.maxPoints };
    let id: string;
    if (before) {
      const changes = diffChanges(before, data);
      if (Object.keys(changes).length === 0) return { weightId: before.id, changed: false, scoresChanged: 0 };
      await tx.leadScoreWeight.update({ where: { id: before.id }, data });
      await audit(tx, { actorId: a.userId, action: "update", entityType: "LeadScoreWeight", entityId: before.id, changes: { attribute: w.attribute, value: w.value, ...changes } });
      id = before.id;
    } else {
      const created = await tx.leadScoreWeight.create({ data: { organizationId: a.organizationId, attribute: w.attribute, value: w.value, ...data }, select: { id: true } });
      await audit(tx, { actorId: a.userId, action: "create", entityType: "LeadScoreWeight", entityId: created.id, changes: { ...w } });
      id = created.id;
    }
    const changed = await recomputeLeadScores(tx, a.organizationId, "all");
    await fireScoreChanges(tx as unknown as AutomationDb, a.organizationId, changed, a.userId);
    return { weightId: id, changed: true, scoresChanged: changed.length };
  });
}

/** Removes the weight of an attribute (and value); removing one that is not there changes nothing. */
export async function removeWeight(a: Actor, input: { attribute: string; value?: string | null }) {
  if (!(SCORING_ATTRIBUTES as readonly string[]).includes(input.attribute)) {
    throw new UserError(`attribute: unknown attribute "${input.attribute}"; one of ${SCORING_ATTRIBUTES.join(", ")}.`);
  }
  const value = (input.value ?? "").trim().replace(/\s+/g, " ").toLowerCase();
  return a.db.$transaction(async (t) => {
    const tx = t as Tx;
    const w = await tx.leadScoreWeight.findFirst({ where: { attribute: input.attribute, value }, select: { id: true, attribute: true, value: true, points: true, maxPoints: true } });
    if (!w) return { removed: false, scoresChanged: 0 };
    await tx.leadScoreWeight.delete({ where: { id: w.id } });
    await audit(tx, { actorId: a.userId, action: "delete", entityType: "LeadScoreWeight", entityId: w.id, changes: { attribute: w.attribute, value: w.value, points: w.points, maxPoints: w.maxPoints } });
    const changed = await recomputeLeadScores(tx, a.organizationId, "all");
    await fireScoreChanges(tx as unknown as AutomationDb, a.organizationId, changed, a.userId);
    return { removed: true, scoresChanged: changed.length };
  });
}
