import "server-only";
import type { Role } from "@/server/auth/permissions";
import { api } from "@/trpc/server";

// The owner / team choices of a dashboard's filters, through the kpi.getFilterOptions procedure.
export async function filterOptions(_organizationId: string, roles: Role[]) {
  return (await api()).kpi.getFilterOptions({ roles });
}
