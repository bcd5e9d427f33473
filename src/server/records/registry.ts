// Every record type, by its URL name. Pure module (UI and server).
import { RECORD_TYPES, type RecordDefinition, type RecordType } from "./definition";
import { accounts } from "./types/accounts";
import { activities } from "./types/activities";
import { campaigns } from "./types/campaigns";
import { contacts } from "./types/contacts";
import { costs } from "./types/costs";
import { deals } from "./types/deals";
import { leads } from "./types/leads";
import { purchases } from "./types/purchases";
import { tickets } from "./types/tickets";

export const RECORD_DEFINITIONS: Record<RecordType, RecordDefinition> = {
  accounts, contacts, leads, deals, activities, campaigns, costs, purchases, tickets,
};

export function isRecordType(v: unknown): v is RecordType {
  return typeof v === "string" && (RECORD_TYPES as readonly string[]).includes(v);
}

export function definitionOf(type: RecordType): RecordDefinition {
  return RECORD_DEFINITIONS[type];
}

/** The definition whose AuditLog entityType is `entityType` (links from the audit log), if any. */
export function definitionForEntity(entityType: string): RecordDefinition | undefined {
  return Object.values(RECORD_DEFINITIONS).find((d) => d.entityType === entityType);
}
