// Who may work with which records: the one place that turns a role into a row filter.
// Pure module: the UI uses typeAllowed to show only the record types a role can open.
import { can, isStaff, type Role } from "@/server/auth/permissions";
import type { RecordDefinition } from "./definition";

/** May the role open this record type at all? Staff only for types with an owner (their own rows). */
export function typeAllowed(role: Role, def: RecordDefinition): boolean {
  const family =
    def.family === "sales" ? can(role, "records:sales") : def.family === "support" ? can(role, "records:support") : can(role, "records:sales") || can(role, "records:support");
  if (!family) return false;
  return !isStaff(role) || def.ownerField !== null;
}

/** May the role see deleted rows and restore them (managers of the family, the CRM manager)? */
export function canRestore(role: Role, def: RecordDefinition): boolean {
  return typeAllowed(role, def) && !isStaff(role);
}

/**
 * The rows of the type the caller may see and change (on top of the organization filter of the tenant
 * client): staff their own, managers their family's, the CRM manager all.
 */
export function scopeWhere(who: { role: Role; userId: string }, def: RecordDefinition): Record<string, unknown> {
  if (isStaff(who.role)) return { [def.ownerField!]: who.userId };
  if (def.family === "shared" && who.role === "SALES_MANAGER") return { ticketId: null };
  if (def.family === "shared" && who.role === "SUPPORT_MANAGER") return { ticketId: { not: null } };
  return {};
}

/** The same rule for one row (after a create or update, the row must still be the caller's to see). */
export function rowInScope(who: { role: Role; userId: string }, def: RecordDefinition, row: Record<string, unknown>): string | null {
  if (isStaff(who.role)) return row[def.ownerField!] === who.userId ? null : `${def.ownerField}: you can only assign records to yourself.`;
  if (def.family === "shared" && who.role === "SALES_MANAGER" && row.ticketId) return "ticketId: tasks on tickets belong to the support team.";
  if (def.family === "shared" && who.role === "SUPPORT_MANAGER" && !row.ticketId) return "ticketId: choose the ticket this task belongs to.";
  return null;
}
