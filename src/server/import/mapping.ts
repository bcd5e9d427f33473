// Column mapping: which CSV column feeds which field. Headers are compared normalised (lowercase, no
// spaces/underscores/punctuation), so "Deal Name", "deal_name" and "DealName" are the same; a Pipedrive
// prefix ("Deal - Title") is tried without its "<entity> - " part too. Pure: used by the server and the UI.
import { typeDef, type FieldDef, type ImportType } from "./fields";

/** header index (as a string, JSON-friendly) -> field key, or null for an ignored column */
export type Mapping = Record<string, string | null>;

export function normaliseHeader(h: string): string {
  return h.normalize("NFKD").toLowerCase().replace(/[^a-z0-9#]/g, "");
}

function spellings(field: FieldDef): string[] {
  return [field.key, field.label, ...field.aliases].map(normaliseHeader);
}

/** The field a header names, or null. The field's own key and label win over another field's alias. */
export function fieldForHeader(type: ImportType, header: string): FieldDef | null {
  const fields = typeDef(type).fields;
  const candidates = [header];
  const prefixed = /^\s*[A-Za-z]+\s+-\s+(.+)$/.exec(header);
  if (prefixed) candidates.push(prefixed[1]!);
  for (const c of candidates.map(normaliseHeader)) {
    if (!c) continue;
    const own = fields.find((fd) => normaliseHeader(fd.key) === c || normaliseHeader(fd.label) === c);
    if (own) return own;
    const alias = fields.find((fd) => spellings(fd).includes(c));
    if (alias) return alias;
  }
  return null;
}

/** Maps every header it recognises; a field is used by the first column naming it (later ones are ignored). */
export function autoMap(type: ImportType, headers: string[]): Mapping {
  const mapping: Mapping = {};
  const used = new Set<string>();
  headers.forEach((h, i) => {
    const field = fieldForHeader(type, h);
    if (field && !used.has(field.key)) {
      mapping[String(i)] = field.key;
      used.add(field.key);
    } else mapping[String(i)] = null;
  });
  return mapping;
}

export type MappingProblems = { missingRequired: string[]; duplicated: string[]; unknown: string[] };

/** What is wrong with a mapping: required fields without a column, fields fed by two columns, unknown keys. */
export function checkMapping(type: ImportType, headers: string[], mapping: Mapping): MappingProblems {
  const fields = typeDef(type).fields;
  const counts = new Map<string, number>();
  const unknown: string[] = [];
  for (const [idx, key] of Object.entries(mapping)) {
    if (key == null) continue;
    if (!fields.some((fd) => fd.key === key) || !(Number(idx) >= 0 && Number(idx) < headers.length)) unknown.push(key);
    else counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    missingRequired: fields.filter((fd) => fd.required && !counts.has(fd.key)).map((fd) => fd.label),
    duplicated: fields.filter((fd) => (counts.get(fd.key) ?? 0) > 1).map((fd) => fd.label),
    unknown,
  };
}

/** A sentence for the user, or null when the mapping can be used. */
export function mappingError(type: ImportType, headers: string[], mapping: Mapping): string | null {
  const p = checkMapping(type, headers, mapping);
  const parts: string[] = [];
  if (p.missingRequired.length) parts.push(`Map a column to each required field: ${p.missingRequired.join(", ")}.`);
  if (p.duplicated.length) parts.push(`Each field takes one column; these have several: ${p.duplicated.join(", ")}.`);
  if (p.unknown.length) parts.push(`Unknown fields in the mapping: ${p.unknown.join(", ")}.`);
  return parts.length ? parts.join(" ") : null;
}
