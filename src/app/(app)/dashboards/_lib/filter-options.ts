import "server-only";
import { db } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant";
import type { Role } from "@/server/auth/permissions";

// The owner / team choices of a dashboard's filters: the organization's active members with the given roles
// and its teams (names and ids only). Read here, scoped by tenantDb, because org.listMembers / org.listTeams
// are for the CRM manager only; a procedure for this (kpi.filterOptions) is proposed in the issue report.
export async function filterOptions(organizationId: string, roles: Role[]) {
  const t = tenantDb(await db(), organizationId);
  const [members, teams] = await Promise.all([
    t.membership.findMany({ where: { active: true, role: { in: roles } }, select: { teamId: true, user: { select: { id: true, name: true, email: true } } } }),
    t.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const owners = members.map((m) => ({ id: m.user.id, name: m.user.name || m.user.email })).sort((a, b) => a.name.localeCompare(b.name));
  const usedTeams = new Set(members.map((m) => m.teamId).filter(Boolean));
  return { owners, teams: teams.filter((t) => usedTeams.has(t.id)) };
}
