// Goals: create, edit, archive, list, read, check in, and the goals at risk. Plain functions taking the
// caller (role, user, team, tenant-scoped db); the procedures only parse input and call these.
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { recordAudit, diffChanges } from "@/server/audit/record";
import { ForbiddenError, NotFoundError, UserError } from "@/server/errors";
import { describeKpi, getKpi, KPIS } from "@/server/kpi/catalog";
import { addMonths } from "@/server/kpi/period";
import { FILTER_KEYS, type KpiDefinition, type KpiFilters } from "@/server/kpi/types";
import { assertCanManage, assertOwner, canSetGoalOn, isCrmManager, teamMemberIds, visibleGoalsWhere, type GoalActor } from "./access";
import { goalWindows, measureGoal, measureWindow, type GoalMeasurement, type GoalWindows } from "./measure";
import {
  forecastAt,
  goalEnd,
  goalStatus,
  pathValue,
  resolveTarget,
  smartWarnings,
  type GoalStatus,
  type SmartWarning,
  type TargetType,
} from "./progress";

export type Cadence = "MONTHLY" | "QUARTERLY" | "YEARLY" | "AFTER_CAMPAIGN";
export const CADENCE_MONTHS: Record<Cadence, number | null> = { MONTHLY: 1, QUARTERLY: 3, YEARLY: 12, AFTER_CAMPAIGN: null };

export type Actor = GoalActor & { baseDb: PrismaClient };

export type GoalInput = {
  title: string;
  kpiId: string;
  ownerUserId?: string | null;
  ownerTeamId?: string | null;
  filters: KpiFilters;
  startDate: Date;
  deadline: Date;
  targetType: TargetType;
  targetValue: number;
  /** a baseline entered by hand instead of the measured one; needs a reason */
  baselineValue?: number | null;
  baselineNote?: string | null;
  actionPlan: string;
  whyItMatters: string;
  cadence: Cadence;
};

/** KPIs that are sums over records: a team's value is the sum of its members' (roll-up shows contributions). */
const ADDITIVE_MONEY = new Set(["pipeline_value", "new_revenue", "new_revenue_6m", "new_revenue_12m"]);
export function isAdditive(kpi: Pick<KpiDefinition, "id" | "unit">): boolean {
  return kpi.unit === "count" || kpi.unit === "per_day" || ADDITIVE_MONEY.has(kpi.id);
}

const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

function loadKpi(id: string): KpiDefinition {
  const kpi = getKpi(id);
  if (!kpi) throw new UserError(`kpiId: there is no KPI "${id}".`);
  return kpi;
}

function storedFilters(json: unknown): KpiFilters {
  const out: KpiFilters = {};
  if (json && typeof json === "object") for (const k of FILTER_KEYS) {
    const v = (json as Record<string, unknown>)[k];
    if (typeof v === "string" && v) out[k] = v;
  }
  return out;
}

/** Filter ids must be of this organization (never store or reveal another organization's ids). */
async function assertFilters(a: Actor, kpi: KpiDefinition, filters: KpiFilters): Promise<KpiFilters> {
  const clean: KpiFilters = {};
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (v === undefined || v === "") continue;
    if (!kpi.filters.includes(k)) throw new UserError(`filters.${k}: does not apply to the KPI "${kpi.id}" (it takes: ${kpi.filters.join(", ") || "no filters"}).`);
    clean[k] = v;
  }
  if (clean.ownerId && !(await a.db.membership.findFirst({ where: { userId: clean.ownerId }, select: { id: true } }))) throw new UserError("filters.ownerId: no such member in this organization.");
  if (clean.teamId && !(await a.db.team.findFirst({ where: { id: clean.teamId }, select: { id: true } }))) throw new UserError("filters.teamId: no such team in this organization.");
  if (clean.campaignId && !(await a.db.campaign.findFirst({ where: { id: clean.campaignId }, select: { id: true } }))) throw new UserError("filters.campaignId: no such campaign in this organization.");
  return clean;
}

/** The audit writer for a transaction on the base client: stamps the organization. */
function auditIn(tx: Pick<PrismaClient, "auditLog">, organizationId: string) {
  type Row = { actorId: string | null; action: string; entityType: string; entityId: string | null; changes?: object };
  return { auditLog: { create: (args: { data: Row }) => tx.auditLog.create({ data: { ...args.data, changes: args.data.changes as Prisma.InputJsonValue | undefined, organizationId } }) } };
}

function checkDates(start: Date, deadline: Date): { start: Date; deadline: Date } {
  const s = utcDay(start);
  const d = utcDay(deadline);
  if (s.getUTCFullYear() < 2000 || d.getUTCFullYear() > 2100) throw new UserError("startDate/deadline: dates must be between 2000 and 2100.");
  if (d < s) throw new UserError("deadline: must be on or after the start date.");
  if (d.getTime() - s.getTime() > 5 * 366 * 86_400_000) throw new UserError("deadline: a goal may last at most 5 years; split a longer ambition into several goals.");
  return { start: s, deadline: d };
}

type Evaluated = {
  windows: GoalWindows;
  measurement: GoalMeasurement;
  baselineMeasured: number | null;
  baseline: number | null;
  baselineEdited: boolean;
  target: ReturnType<typeof resolveTarget>;
  current: number | null;
  todaysTarget: number | null;
  forecast: number | null;
  status: GoalStatus;
  statusReason: string;
  progress: number | null;
  expectedProgress: number;
  deadlinePassed: boolean;
};

type GoalShape = { kpiId: string; filters: unknown; startDate: Date; deadline: Date; targetType: TargetType; targetValue: number; baselineValue: number | null; baselineNote: string | null };

/** Everything the app shows about a goal's progress, from ONE KPI engine statement. */
async function evaluate(a: Actor, g: GoalShape, kpi: KpiDefinition, now: Date): Promise<Evaluated> {
  const windows = goalWindows(g.startDate, g.deadline, now);
  const measurement = await measureGoal(a.baseDb, a.organizationId, kpi, storedFilters(g.filters), windows, now);
  const baselineEdited = !!g.baselineNote?.trim();
  const baseline = baselineEdited ? g.baselineValue : measurement.baseline.value;
  const target = resolveTarget(g.targetType, g.targetValue, baseline);
  const current = measurement.current.value;
  const end = goalEnd(g.deadline);
  const forecast = forecastAt(measurement.samples, end);
  const s = goalStatus({ direction: kpi.direction, baseline, target: target.value, current, forecast, start: g.startDate, deadline: g.deadline, now });
  return {
    windows,
    measurement,
    baselineMeasured: measurement.baseline.value,
    baseline,
    baselineEdited,
    target,
    current,
    todaysTarget: pathValue(baseline, target.value, g.startDate, g.deadline, now),
    forecast,
    status: s.status,
    statusReason: s.reason,
    progress: s.progress,
    expectedProgress: s.expectedProgress,
    deadlinePassed: now >= end,
  };
}

function summary(e: Evaluated) {
  return {
    baseline: e.baseline,
    baselineMeasured: e.baselineMeasured,
    baselineEdited: e.baselineEdited,
    baselineProvisional: e.windows.baselineProvisional,
    target: e.target.value,
    targetReason: e.target.reason ?? null,
    current: e.current,
    currentReason: e.measurement.current.reason ?? null,
    todaysTarget: e.todaysTarget,
    forecast: e.forecast,
    progress: e.progress,
    expectedProgress: e.expectedProgress,
    status: e.status,
    statusReason: e.statusReason,
    deadlinePassed: e.deadlinePassed,
    windowDays: e.windows.lengthDays,
  };
}

/** Validates a goal's input (everything but the owner) and measures it: shared by preview, create and update. */
async function prepare(a: Actor, input: Omit<GoalInput, "ownerUserId" | "ownerTeamId">, now: Date) {
  const kpi = loadKpi(input.kpiId);
  if (!canSetGoalOn(a.role, kpi)) throw new ForbiddenError(`Your role cannot set goals on the KPI "${kpi.name}".`);
  const filters = await assertFilters(a, kpi, input.filters);
  const { start, deadline } = checkDates(input.startDate, input.deadline);
  if (input.targetType === "RELATIVE" && (input.targetValue < -100 || input.targetValue > 1000)) throw new UserError("targetValue: a relative change must be between -100% and +1000%.");
  const baselineNote = input.baselineNote?.trim() || null;
  const manual = input.baselineValue !== undefined && input.baselineValue !== null;
  if (manual && !baselineNote) throw new UserError("baselineNote: say why the baseline is entered by hand (e.g. \"from last year's board report\").");
  const shape: GoalShape = {
    kpiId: kpi.id, filters, startDate: start, deadline, targetType: input.targetType, targetValue: input.targetValue,
    baselineValue: manual ? input.baselineValue! : null, baselineNote: manual ? baselineNote : null,
  };
  const e = await evaluate(a, shape, kpi, now);
  const warnings = smartWarnings({
    title: input.title, actionPlan: input.actionPlan, whyItMatters: input.whyItMatters, direction: kpi.direction,
    baseline: e.baseline, current: e.current, target: e.target, start, deadline, now, history: e.measurement.history,
  });
  return { kpi, filters, shape, e, warnings };
}

/** What the guided form shows before saving: measured baseline, target, today's value, history, SMART warnings. */
export async function previewGoal(a: Actor, input: Omit<GoalInput, "ownerUserId" | "ownerTeamId">, now = new Date()) {
  const { kpi, e, warnings } = await prepare(a, input, now);
  return { kpi: describeKpi(kpi), ...summary(e), history: e.measurement.history, warnings };
}

function dataFor(p: Awaited<ReturnType<typeof prepare>>, input: GoalInput, baselineValue: number | null) {
  return {
    title: input.title.trim(),
    kpiId: p.kpi.id,
    ownerUserId: input.ownerUserId ?? null,
    ownerTeamId: input.ownerTeamId ?? null,
    filters: p.filters,
    startDate: p.shape.startDate,
    deadline: p.shape.deadline,
    baselineValue,
    baselineNote: p.shape.baselineNote,
    targetType: input.targetType,
    targetValue: input.targetValue,
    actionPlan: input.actionPlan.trim(),
    whyItMatters: input.whyItMatters.trim(),
    cadence: input.cadence,
  };
}

function requireTarget(p: Awaited<ReturnType<typeof prepare>>) {
  if (p.e.target.value === null) throw new UserError(`targetValue: ${p.e.target.reason}.`);
}

export async function createGoal(a: Actor, input: GoalInput, now = new Date()): Promise<{ id: string; warnings: SmartWarning[] }> {
  if (!input.title.trim()) throw new UserError("title: give the goal a title.");
  const p = await prepare(a, input, now);
  await assertOwner(a, { ownerUserId: input.ownerUserId ?? null, ownerTeamId: input.ownerTeamId ?? null });
  requireTarget(p);
  // the stored baseline: the one entered by hand, else the value measured now (kept for the record; reads re-measure)
  const data = dataFor(p, input, p.shape.baselineNote ? p.shape.baselineValue : p.e.baselineMeasured);
  const goal = await a.baseDb.$transaction(async (tx) => {
    const g = await tx.goal.create({ data: { ...data, organizationId: a.organizationId, createdById: a.userId }, select: { id: true } });
    await recordAudit(auditIn(tx, a.organizationId), { actorId: a.userId, action: "create", entityType: "Goal", entityId: g.id, changes: data });
    return g;
  });
  return { id: goal.id, warnings: p.warnings };
}

async function findVisible(a: Actor, goalId: string) {
  const goal = await a.db.goal.findFirst({ where: { AND: [{ id: goalId }, await visibleGoalsWhere(a)] } });
  if (!goal) throw new NotFoundError("goalId: no such goal (or it does not concern you).");
  return goal;
}

async function findManageable(a: Actor, goalId: string) {
  const goal = await findVisible(a, goalId);
  await assertCanManage(a, loadKpi(goal.kpiId), goal);
  return goal;
}

export async function updateGoal(a: Actor, input: GoalInput & { goalId: string }, now = new Date()) {
  const before = await findManageable(a, input.goalId);
  if (!input.title.trim()) throw new UserError("title: give the goal a title.");
  const p = await prepare(a, input, now);
  await assertOwner(a, { ownerUserId: input.ownerUserId ?? null, ownerTeamId: input.ownerTeamId ?? null });
  requireTarget(p);
  const data = dataFor(p, input, p.shape.baselineNote ? p.shape.baselineValue : p.e.baselineMeasured);
  const changes = diffChanges(before as unknown as Record<string, unknown>, data);
  await a.baseDb.$transaction(async (tx) => {
    await tx.goal.update({ where: { id: before.id, organizationId: a.organizationId }, data });
    if (Object.keys(changes).length) await recordAudit(auditIn(tx, a.organizationId), { actorId: a.userId, action: "update", entityType: "Goal", entityId: before.id, changes });
  });
  return { id: before.id, warnings: p.warnings };
}

/** Archives (or restores) a goal: it leaves the lists and the dashboards but keeps its history. */
export async function archiveGoal(a: Actor, input: { goalId: string; archived: boolean }, now = new Date()) {
  const goal = await findManageable(a, input.goalId);
  if (!!goal.archivedAt === input.archived) return { id: goal.id, archivedAt: goal.archivedAt };
  const archivedAt = input.archived ? now : null;
  await a.baseDb.$transaction(async (tx) => {
    await tx.goal.update({ where: { id: goal.id, organizationId: a.organizationId }, data: { archivedAt } });
    await recordAudit(auditIn(tx, a.organizationId), { actorId: a.userId, action: input.archived ? "delete" : "restore", entityType: "Goal", entityId: goal.id, changes: { archivedAt: { from: goal.archivedAt, to: archivedAt } } });
  });
  return { id: goal.id, archivedAt };
}

async function names(a: Actor, userIds: string[], teamIds: string[]) {
  const [users, teams] = await Promise.all([
    userIds.length ? a.db.membership.findMany({ where: { userId: { in: userIds } }, select: { userId: true, user: { select: { name: true } } } }) : [],
    teamIds.length ? a.db.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } }) : [],
  ]);
  return { user: new Map(users.map((u) => [u.userId, u.user.name])), team: new Map(teams.map((t) => [t.id, t.name])) };
}

type GoalRow = Awaited<ReturnType<typeof findVisible>>;

async function listRows(a: Actor, rows: GoalRow[], now: Date) {
  const n = await names(a, rows.flatMap((g) => (g.ownerUserId ? [g.ownerUserId] : [])), rows.flatMap((g) => (g.ownerTeamId ? [g.ownerTeamId] : [])));
  return Promise.all(
    rows.map(async (g) => {
      const kpi = getKpi(g.kpiId);
      const base = {
        id: g.id, title: g.title, kpiId: g.kpiId, kpiName: kpi?.name ?? g.kpiId, unit: kpi?.unit ?? "count", direction: kpi?.direction ?? "higher",
        ownerName: g.ownerUserId ? (n.user.get(g.ownerUserId) ?? "—") : (n.team.get(g.ownerTeamId ?? "") ?? "—"),
        ownerKind: g.ownerUserId ? ("user" as const) : ("team" as const),
        startDate: g.startDate, deadline: g.deadline, archivedAt: g.archivedAt, cadence: g.cadence as Cadence,
      };
      if (!kpi) return { ...base, progress: null };
      return { ...base, progress: summary(await evaluate(a, g as GoalShape & GoalRow, kpi, now)) };
    }),
  );
}

/** The goals the caller may see, with their progress (one KPI statement per goal). */
export async function listGoals(a: Actor, input: { includeArchived: boolean }, now = new Date()) {
  const rows = await a.db.goal.findMany({
    where: { AND: [await visibleGoalsWhere(a), input.includeArchived ? {} : { archivedAt: null }] },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { deadline: "asc" }, { id: "asc" }],
    take: 200,
  });
  return listRows(a, rows, now);
}

/**
 * Goals at risk (at risk or off track) for a dashboard: for the CRM manager every goal of the organization,
 * for anyone else the goals that concern them (their own, their team's, their team members').
 */
export async function listGoalsAtRisk(a: Actor, now = new Date()) {
  const rows = await a.db.goal.findMany({ where: { AND: [await visibleGoalsWhere(a), { archivedAt: null }] }, orderBy: [{ deadline: "asc" }, { id: "asc" }], take: 200 });
  const all = await listRows(a, rows, now);
  return all.filter((g) => g.progress && (g.progress.status === "AT_RISK" || g.progress.status === "OFF_TRACK"));
}

/** When the next review is due: a cadence after the last review (or the start); "after a campaign" has no date. */
export function nextReviewDue(cadence: Cadence, start: Date, lastReview: Date | null): Date | null {
  const months = CADENCE_MONTHS[cadence];
  if (months === null) return null;
  return addMonths(utcDay(lastReview ?? start), months);
}

/** A goal with its progress, the actual-vs-path chart, check-ins, roll-up and baseline edits. */
export async function getGoal(a: Actor, goalId: string, now = new Date()) {
  const g = await findVisible(a, goalId);
  const kpi = loadKpi(g.kpiId);
  const e = await evaluate(a, g as GoalShape & GoalRow, kpi, now);
  const [checkIns, audit, rollup, canManage] = await Promise.all([
    a.db.goalCheckIn.findMany({ where: { goalId: g.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, isReview: true, value: true, status: true, note: true, createdAt: true, createdById: true } }),
    a.db.auditLog.findMany({ where: { entityType: "Goal", entityId: g.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { createdAt: true, actorId: true, action: true, changes: true } }),
    teamRollup(a, g, kpi, e, now),
    assertCanManage(a, kpi, g).then(() => true, () => false),
  ]);
  const baselineEdits = baselineHistory(audit);
  const n = await names(a, [...new Set([g.ownerUserId, g.createdById, ...checkIns.map((c) => c.createdById), ...baselineEdits.map((b) => b.actorId)].filter((x): x is string => !!x))], g.ownerTeamId ? [g.ownerTeamId] : []);
  const lastReview = [...checkIns].reverse().find((c) => c.isReview)?.createdAt ?? null;
  const filters = storedFilters(g.filters);
  return {
    goal: {
      id: g.id, title: g.title, kpiId: g.kpiId, ownerUserId: g.ownerUserId, ownerTeamId: g.ownerTeamId,
      ownerName: g.ownerUserId ? (n.user.get(g.ownerUserId) ?? "—") : (n.team.get(g.ownerTeamId ?? "") ?? "—"),
      filters, startDate: g.startDate, deadline: g.deadline, targetType: g.targetType as TargetType, targetValue: g.targetValue,
      baselineValue: g.baselineValue, baselineNote: g.baselineNote, actionPlan: g.actionPlan, whyItMatters: g.whyItMatters,
      cadence: g.cadence as Cadence, archivedAt: g.archivedAt, createdAt: g.createdAt, createdByName: g.createdById ? (n.user.get(g.createdById) ?? null) : null,
    },
    kpi: describeKpi(kpi),
    progress: summary(e),
    chart: chartPoints(g, e, checkIns),
    /** the points the forecast is fitted to (newest first) */
    trend: e.measurement.samples,
    checkIns: checkIns.map((c) => ({ ...c, status: c.status as GoalStatus, byName: c.createdById ? (n.user.get(c.createdById) ?? null) : null })).reverse(),
    baselineEdits: baselineEdits.map((b) => ({ ...b, byName: b.actorId ? (n.user.get(b.actorId) ?? null) : null })),
    nextReviewDue: g.archivedAt || e.deadlinePassed ? null : nextReviewDue(g.cadence as Cadence, g.startDate, lastReview),
    rollup,
    canManage,
  };
}

/**
 * The baseline's history from the goal's audit rows: each time a baseline was entered by hand (with its reason) or
 * given back to the measurement. The measured value re-stored on every save is not an edit and is left out.
 */
export function baselineHistory(audit: { createdAt: Date; actorId: string | null; action: string; changes: unknown }[]) {
  const to = (v: unknown) => (v && typeof v === "object" && "to" in v ? (v as { to: unknown }).to : v);
  const out: { at: Date; actorId: string | null; value: number | null; reason: string | null }[] = [];
  let note: string | null = null;
  for (const row of audit) {
    const c = (row.changes ?? {}) as Record<string, unknown>;
    const noteChanged = "baselineNote" in c;
    if (noteChanged) note = (to(c.baselineNote) as string | null) ?? null;
    const valueChanged = "baselineValue" in c;
    // a create carries every field: it counts only when the baseline was entered by hand
    if (row.action === "create" ? note !== null : noteChanged || (valueChanged && note !== null)) {
      out.push({ at: row.createdAt, actorId: row.actorId, value: note !== null ? ((to(c.baselineValue) as number | null | undefined) ?? null) : null, reason: note });
    }
  }
  return out;
}

/** Dates and values for the actual-vs-target-path chart: the path at every date, measured points since the start, check-ins, the forecast. */
function chartPoints(g: GoalRow, e: Evaluated, checkIns: { createdAt: Date; value: number | null }[]) {
  const end = goalEnd(g.deadline);
  const pts = new Map<number, { at: Date; path: number | null; measured: number | null; checkIn: number | null; forecast: number | null }>();
  const at = (d: Date) => {
    const t = d.getTime();
    if (!pts.has(t)) pts.set(t, { at: d, path: pathValue(e.baseline, e.target.value, g.startDate, g.deadline, d), measured: null, checkIn: null, forecast: null });
    return pts.get(t)!;
  };
  at(g.startDate).measured = e.baseline;
  for (const s of e.measurement.samples) if (s.at > g.startDate && s.value !== null) at(s.at).measured = s.value;
  for (const c of checkIns) if (c.value !== null) at(c.createdAt).checkIn = c.value;
  const last = e.windows.current.end;
  if (e.forecast !== null && !e.deadlinePassed) {
    at(last).forecast = e.current;
    at(end).forecast = e.forecast;
  } else at(end);
  return [...pts.values()].sort((x, y) => x.at.getTime() - y.at.getTime());
}

/** A team goal: each member's value over the current window; their share of the total where the KPI is a sum. */
async function teamRollup(a: Actor, g: GoalRow, kpi: KpiDefinition, e: Evaluated, now: Date) {
  const filters = storedFilters(g.filters);
  const teamId = g.ownerTeamId ?? filters.teamId ?? null;
  if (!teamId || filters.ownerId) return null;
  if (!kpi.filters.includes("ownerId")) return { additive: isAdditive(kpi), members: [], note: `"${kpi.name}" is organization-wide: it cannot be split by person.` };
  const members = await a.db.membership.findMany({ where: { teamId, active: true }, select: { userId: true, user: { select: { name: true } } }, orderBy: { user: { name: "asc" } }, take: 50 });
  const { teamId: _t, ...rest } = filters;
  // one engine statement per member (a team is small; the engine has no group-by-owner form)
  const values = await Promise.all(members.map((m) => measureWindow(a.baseDb, a.organizationId, kpi, { ...rest, ownerId: m.userId }, e.windows.current, now)));
  const additive = isAdditive(kpi);
  const total = additive ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null;
  return {
    additive,
    note: additive ? "Each member's contribution to the team's total." : "A ratio does not add up across people: each member's own value.",
    members: members.map((m, i) => ({ userId: m.userId, name: m.user.name, value: values[i] ?? null, share: additive && total ? ((values[i] ?? 0) / total) * 100 : null })),
  };
}

/** Records a check-in (or a review on the cadence): today's value and status, with a note. */
export async function checkInGoal(a: Actor, input: { goalId: string; note: string; isReview: boolean }, now = new Date()) {
  const g = await findManageable(a, input.goalId);
  if (g.archivedAt) throw new UserError("goalId: the goal is archived; restore it to record a check-in.");
  const note = input.note.trim();
  if (input.isReview && note.length < 3) throw new UserError("note: a review needs a note (what happened, what changes).");
  const e = await evaluate(a, g as GoalShape & GoalRow, loadKpi(g.kpiId), now);
  const c = await a.db.goalCheckIn.create({
    data: { organizationId: a.organizationId, goalId: g.id, isReview: input.isReview, value: e.current, status: e.status, note, createdById: a.userId, createdAt: now },
    select: { id: true, value: true, status: true, createdAt: true },
  });
  return c;
}

/** What the guided form offers the caller: the KPIs they may set goals on, the people and teams within reach. */
export async function goalFormOptions(a: Actor) {
  const kpis = KPIS.filter((k) => canSetGoalOn(a.role, k)).map(describeKpi);
  const crm = isCrmManager(a);
  const reach = crm ? null : [...new Set([a.userId, ...(await teamMemberIds(a))])];
  const [members, teams] = await Promise.all([
    a.db.membership.findMany({ where: { active: true, ...(reach ? { userId: { in: reach } } : {}) }, select: { userId: true, role: true, user: { select: { name: true } } }, orderBy: { user: { name: "asc" } } }),
    a.db.team.findMany({ where: crm ? {} : { id: a.teamId ?? "00000000-0000-0000-0000-000000000000" }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { kpis, people: members.map((m) => ({ id: m.userId, name: m.user.name, role: m.role, isMe: m.userId === a.userId })), teams };
}
