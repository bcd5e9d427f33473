import type { TenantDb } from "@/server/db/tenant";
import type { Role } from "@/server/auth/permissions";

/**
 * The owner / team choices of dashboard filters: active members with the given roles (id and name only)
 * and the teams they belong to. Colleagues' names are not secret inside an organization.
 */
export async function getFilterOptions({ db }: { db: TenantDb }, input: { roles: Role[] }) {
  const [members, teams] = await Promise.all([
    db.membership.findMany({ where: { active: true, role: { in: input.roles } }, select: { teamId: true, user: { select: { id: true, name: true, email: true } } } }),
    db.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const owners = members.map((m) => ({ id: m.user.id, name: m.user.name || m.user.email })).sort((a, b) => a.name.localeCompare(b.name));
  const used = new Set(members.map((m) => m.teamId).filter(Boolean));
  return { owners, teams: teams.filter((t) => used.has(t.id)) };
}
