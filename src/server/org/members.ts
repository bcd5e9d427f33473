import type { PrismaClient } from "@/generated/prisma/client";
import type { TenantDb } from "@/server/db/tenant";
import { hashPassword } from "@/server/auth/password";
import type { Role } from "@/server/auth/permissions";
import { UserError } from "@/server/errors";

type Scope = { db: TenantDb; baseDb: PrismaClient; organizationId: string; userId: string };

export async function listMembers({ db }: Scope) {
  const rows = await db.membership.findMany({
    orderBy: [{ active: "desc" }, { createdAt: "asc" }],
    select: { id: true, role: true, active: true, createdAt: true, teamId: true, team: { select: { name: true } }, user: { select: { id: true, email: true, name: true } } },
  });
  return rows.map((m) => ({ id: m.id, role: m.role, active: m.active, createdAt: m.createdAt, teamId: m.teamId, teamName: m.team?.name ?? null, userId: m.user.id, email: m.user.email, name: m.user.name }));
}

async function assertTeam(db: TenantDb, teamId: string | null | undefined) {
  if (!teamId) return;
  if (!(await db.team.findFirst({ where: { id: teamId }, select: { id: true } }))) throw new UserError("teamId: no such team in this organization.");
}

/**
 * Adds a person to the organization with a role. A new email creates the user with the given initial
 * password; an existing user (of another organization) just gets a membership.
 */
export async function addMember(s: Scope, input: { email: string; name: string; role: Role; teamId?: string | null; password?: string }) {
  const email = input.email.trim().toLowerCase();
  await assertTeam(s.db, input.teamId);
  const existing = await s.baseDb.user.findUnique({ where: { email }, select: { id: true } });
  if (existing && (await s.db.membership.findFirst({ where: { userId: existing.id }, select: { id: true } }))) {
    throw new UserError(`email: ${email} is already a member of this organization.`);
  }
  if (!existing && !input.password) throw new UserError("password: set an initial password for a new user.");
  const passwordHash = existing ? null : await hashPassword(input.password!);
  return s.baseDb.$transaction(async (tx) => {
    const userId = existing?.id ?? (await tx.user.create({ data: { email, name: input.name.trim(), passwordHash: passwordHash! }, select: { id: true } })).id;
    const m = await tx.membership.create({ data: { organizationId: s.organizationId, userId, role: input.role, teamId: input.teamId ?? null }, select: { id: true } });
    await tx.auditLog.create({ data: { organizationId: s.organizationId, actorId: s.userId, action: "create", entityType: "Membership", entityId: m.id, changes: { email, role: input.role } } });
    return { membershipId: m.id, userId, createdUser: !existing };
  });
}

/** Changes a member's role, team or active flag; the organization always keeps an active CRM manager. */
export async function updateMember(s: Scope, input: { membershipId: string; role?: Role; teamId?: string | null; active?: boolean }) {
  const m = await s.db.membership.findFirst({ where: { id: input.membershipId }, select: { id: true, role: true, active: true, teamId: true, userId: true } });
  if (!m) throw new UserError("membershipId: no such member in this organization.");
  await assertTeam(s.db, input.teamId);
  const losesManager = m.role === "CRM_MANAGER" && m.active && ((input.role && input.role !== "CRM_MANAGER") || input.active === false);
  if (losesManager) {
    const managers = await s.db.membership.count({ where: { role: "CRM_MANAGER", active: true } });
    if (managers <= 1) throw new UserError("role: the organization needs at least one active CRM manager. Make someone else CRM manager first.");
  }
  const data = {
    ...(input.role ? { role: input.role } : {}),
    ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  };
  await s.db.membership.update({ where: { id: m.id }, data });
  await s.db.auditLog.create({
    data: { organizationId: s.organizationId, actorId: s.userId, action: "update", entityType: "Membership", entityId: m.id, changes: { before: { role: m.role, teamId: m.teamId, active: m.active }, after: data } },
  });
  return { ok: true as const };
}

export async function listTeams({ db }: Pick<Scope, "db">) {
  const teams = await db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, _count: { select: { members: true } } } });
  return teams.map((t) => ({ id: t.id, name: t.name, memberCount: t._count.members }));
}

export async function createTeam(s: Scope, input: { name: string }) {
  const name = input.name.trim();
  if (await s.db.team.findFirst({ where: { name }, select: { id: true } })) throw new UserError(`name: a team called "${name}" already exists.`);
  const team = await s.db.team.create({ data: { name, organizationId: s.organizationId }, select: { id: true, name: true } });
  await s.db.auditLog.create({ data: { organizationId: s.organizationId, actorId: s.userId, action: "create", entityType: "Team", entityId: team.id, changes: { name } } });
  return team;
}
