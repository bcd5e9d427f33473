// Who may set, see and review which goals. One place; every goal function goes through it.
//  - The CRM manager: any goal, any KPI, any owner in the organization.
//  - A manager (sales, support): goals on KPIs whose family their role may read (the KPI engine's rule), for
//    themselves, their team or the members of their team (their reps / agents).
//  - Everyone sees the goals that concern them: owned by them or their team, scoped to their own records
//    (filters.ownerId), created by them; a manager also those owned by their team's members.
import type { Prisma } from "@/generated/prisma/client";
import { can, type Role } from "@/server/auth/permissions";
import type { TenantDb } from "@/server/db/tenant";
import { ForbiddenError, UserError } from "@/server/errors";
import { FAMILY_PERMISSION, type KpiDefinition } from "@/server/kpi/types";

export type GoalActor = { db: TenantDb; organizationId: string; userId: string; role: Role; teamId: string | null };

export const isCrmManager = (a: Pick<GoalActor, "role">) => a.role === "CRM_MANAGER";

/** A role may set goals on a KPI when it may manage goals and read the KPI's family. */
export function canSetGoalOn(role: Role, kpi: Pick<KpiDefinition, "family">): boolean {
  return can(role, "goals:manage") && can(role, FAMILY_PERMISSION[kpi.family]);
}

/** The active members of the actor's team (the manager's reps or agents, and the manager). */
export async function teamMemberIds(a: GoalActor): Promise<string[]> {
  if (!a.teamId) return [];
  const rows = await a.db.membership.findMany({ where: { teamId: a.teamId, active: true }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

/** The goals the actor may see, as a where-clause on Goal (the tenant client adds the organization). */
export async function visibleGoalsWhere(a: GoalActor): Promise<Prisma.GoalWhereInput> {
  if (isCrmManager(a)) return {};
  const users = can(a.role, "goals:manage") ? [...new Set([a.userId, ...(await teamMemberIds(a))])] : [a.userId];
  const or: Prisma.GoalWhereInput[] = [
    { ownerUserId: { in: users } },
    { createdById: a.userId },
    { filters: { path: ["ownerId"], equals: a.userId } },
  ];
  if (a.teamId) or.push({ ownerTeamId: a.teamId });
  return { OR: or };
}

export type GoalOwner = { ownerUserId: string | null; ownerTeamId: string | null };

/**
 * Checks a goal's owner: exactly one of user / team, in the organization, and within the actor's reach
 * (the CRM manager: anyone; a manager: themselves, their team, their team's members).
 */
export async function assertOwner(a: GoalActor, o: GoalOwner): Promise<void> {
  if (!!o.ownerUserId === !!o.ownerTeamId) throw new UserError("owner: choose one owner, a person or a team.");
  if (o.ownerTeamId) {
    const team = await a.db.team.findFirst({ where: { id: o.ownerTeamId }, select: { id: true } });
    if (!team) throw new UserError("ownerTeamId: no such team in this organization.");
    if (!isCrmManager(a) && o.ownerTeamId !== a.teamId) throw new ForbiddenError("You can set goals only for yourself, your team or your team's members.");
    return;
  }
  const m = await a.db.membership.findFirst({ where: { userId: o.ownerUserId!, active: true }, select: { teamId: true } });
  if (!m) throw new UserError("ownerUserId: no such active member in this organization.");
  if (isCrmManager(a) || o.ownerUserId === a.userId) return;
  if (!a.teamId || m.teamId !== a.teamId) throw new ForbiddenError("You can set goals only for yourself, your team or your team's members.");
}

/** The actor may manage (edit, archive, review) this goal: its KPI and its owner are within their reach. */
export async function assertCanManage(a: GoalActor, kpi: Pick<KpiDefinition, "family" | "name">, owner: GoalOwner): Promise<void> {
  if (!canSetGoalOn(a.role, kpi)) throw new ForbiddenError(`Your role cannot set goals on the KPI "${kpi.name}".`);
  await assertOwner(a, owner);
}
