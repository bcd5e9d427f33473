// Words for import statuses and types, shared by the import pages. Pure.
import { TYPE_DEFS, isImportType } from "@/server/import/fields";

export const STATUS_LABELS: Record<string, string> = {
  MAPPING: "Check the mapping",
  VALIDATING: "Validating",
  VALIDATED: "Validated",
  COMMITTING: "Importing",
  DONE: "Imported",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

export const STATUS_CLASSES: Record<string, string> = {
  MAPPING: "bg-slate-100 text-slate-700",
  VALIDATING: "bg-indigo-50 text-indigo-700",
  VALIDATED: "bg-amber-50 text-amber-800",
  COMMITTING: "bg-indigo-50 text-indigo-700",
  DONE: "bg-emerald-50 text-emerald-800",
  FAILED: "bg-red-50 text-red-800",
  CANCELLED: "bg-slate-100 text-slate-700",
};

export function typeLabel(type: string): string {
  return isImportType(type) ? TYPE_DEFS[type].plural : type;
}
