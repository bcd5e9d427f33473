// What a record type is, in one object: the Prisma model, the columns of its list, what can be searched,
// filtered and sorted, its fields with their validation, the owner field that decides "own records" and
// the permission family. The generic list/get/create/update/delete in ./service.ts is driven by it.
// Pure module: the UI imports it too.
import type { FieldDef } from "./fields";

export const RECORD_TYPES = ["accounts", "contacts", "leads", "deals", "activities", "campaigns", "costs", "purchases", "tickets"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * sales: records:sales; support: records:support; shared (activities/tasks): either — a sales manager
 * sees the tasks not linked to a ticket, a support manager those linked to one.
 */
export type Family = "sales" | "support" | "shared";

export type RecordDefinition = {
  type: RecordType;
  /** Prisma client delegate name and the AuditLog entityType */
  model: "account" | "contact" | "lead" | "deal" | "activity" | "campaign" | "cost" | "purchase" | "ticket";
  entityType: string;
  label: string;
  plural: string;
  family: Family;
  /** the user who owns the row (staff see and edit only theirs); null: no owner, managers only */
  ownerField: string | null;
  /** the field shown as the record's name */
  titleField: string;
  fields: FieldDef[];
  /** text fields searched with ILIKE by the list's search box */
  searchFields: string[];
  /** the date the list's from/to filter applies to */
  dateField: string;
  defaultSort: { field: string; dir: "asc" | "desc" };
  /** fields the server sets on create when the form leaves them out */
  createDefaults?: (now: Date) => Record<string, unknown>;
  /** cross-field checks: "field: message" for the first problem, or null */
  check?: (row: Record<string, unknown>) => string | null;
  /** values that follow from the change (e.g. lostAt when a lead is marked lost) */
  derive?: (next: Record<string, unknown>, before: Record<string, unknown> | null, now: Date) => Record<string, unknown>;
};

export function fieldOf(def: RecordDefinition, key: string): FieldDef | undefined {
  return def.fields.find((f) => f.key === key);
}

/** Fields a form may write. */
export function writableFields(def: RecordDefinition): FieldDef[] {
  return def.fields.filter((f) => !f.readOnly && f.schema);
}

export function sortableFields(def: RecordDefinition): string[] {
  return def.fields.filter((f) => f.sortable).map((f) => f.key);
}

export function filterFields(def: RecordDefinition): FieldDef[] {
  return def.fields.filter((f) => f.filter && f.kind !== "date");
}
