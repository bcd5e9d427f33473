// One data row -> what the import does with it: create, update an existing record, skip it as a duplicate,
// or report its errors (row, column, value, reason). The same code runs in the validation pass and again in
// the commit pass, so what was previewed is what is written.
import { typeDef, type FieldDef, type ImportType, type TypeDef } from "./fields";
import type { Mapping } from "./mapping";
import {
  parseBool, parseCategory, parseDate, parseEmail, parseEnum, parseInt10, parseMoney, parseText, categoryKey, type Cell, type DateFormat,
} from "./convert";
import { keyPart, nameKey, type Lookups } from "./lookups";

/** Kinds whose reading depends on the cell text alone (and the job's lookups and date format): remembered per text. */
const MEMO_KINDS = new Set<FieldDef["kind"]>(["ref", "category", "enum", "date", "bool"]);
/** Distinct texts remembered per field; past that, cells are read every time (memory stays bounded). */
const MEMO_MAX = 20_000;

export type DuplicateMode = "skip" | "update" | "keep";
export const DUPLICATE_MODES: Record<DuplicateMode, string> = {
  skip: "Skip: keep the existing record, ignore the row",
  update: "Update: overwrite the existing record with the row's filled cells",
  keep: "Keep both: create a new record anyway",
};

export type RowError = { row: number; column: string; value: string; reason: string };
export type RowOutcome =
  | { kind: "error"; errors: RowError[] }
  | { kind: "create"; values: (string | null)[] }
  | { kind: "update"; target: string; values: (string | null)[] }
  | { kind: "skip"; duplicateOf: string };

export type JobConfig = { type: ImportType; headers: string[]; mapping: Mapping; dateFormat: DateFormat; duplicateMode: DuplicateMode };

/** A 53-bit hash of a duplicate key: the file's keys are remembered as numbers, not strings (1M rows fit in memory). */
function hash53(str: string): number {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Open-addressing hash table: 53-bit key hash -> first row number, in two typed arrays
 * (about 24 bytes per row at 1M rows, a fraction of a Map of strings).
 */
export class RowHashIndex {
  private keys: Float64Array;
  private rows: Int32Array;
  private size = 0;

  /** `expected`: how many keys will be stored, when known (sized once: no growth, no copy at the peak) */
  constructor(expected = 0) {
    let cap = 1 << 12;
    while (cap < expected * 2 + 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.rows = new Int32Array(cap);
  }

  /** The row stored for the hash, or -1. */
  get(h: number): number {
    const k = h === 0 ? 1 : h;
    const mask = this.keys.length - 1;
    for (let i = k % this.keys.length; ; i = (i + 1) & mask) {
      const x = this.keys[i]!;
      if (x === 0) return -1;
      if (x === k) return this.rows[i]!;
    }
  }

  set(h: number, row: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    this.insert(h === 0 ? 1 : h, row);
  }

  private insert(k: number, row: number) {
    const mask = this.keys.length - 1;
    for (let i = k % this.keys.length; ; i = (i + 1) & mask) {
      if (this.keys[i] === 0) {
        this.keys[i] = k;
        this.rows[i] = row;
        this.size++;
        return;
      }
      if (this.keys[i] === k) return;
    }
  }

  private grow() {
    const [keys, rows] = [this.keys, this.rows];
    this.keys = new Float64Array(keys.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.insert(keys[i]!, rows[i]!);
  }
}

export class RowProcessor {
  readonly def: TypeDef;
  private mapped: { index: number; field: FieldDef }[];
  private columnIndex: Map<string, number>;
  /** first file row of each duplicate key (hashed), for duplicates within the file */
  private seen: RowHashIndex;
  private stageById: Map<string, { id: string; kind: "OPEN" | "WON" | "LOST"; name: string }>;
  private surveyById: Map<string, { id: string; type: string }>;
  /** per enum field: categoryKey(spelling) -> stored value */
  private enumMaps = new Map<string, Map<string, string>>();
  /** per mapped field: cell text -> what it reads as (the same account, stage or date repeats in most files) */
  private memo: (Map<string, Cell> | null)[];
  /** the output column index of each mapped field (-1: none) */
  private outIndex: number[];
  /** field key -> index of its column in the file */
  private cellIndex = new Map<string, number>();
  /** duplicate keys as output column indexes */
  private dupKeys: number[][];

  /** `expectedRows`: the file's data rows when known (the commit knows them from the validation) */
  constructor(private cfg: JobConfig, private lookups: Lookups, private existing: Map<string, string>[], expectedRows = 0) {
    this.def = typeDef(cfg.type);
    this.seen = new RowHashIndex(cfg.duplicateMode === "keep" ? 0 : expectedRows);
    this.mapped = Object.entries(cfg.mapping)
      .filter(([, key]) => key != null)
      .map(([idx, key]) => ({ index: Number(idx), field: this.def.fields.find((fd) => fd.key === key)! }))
      .filter((m) => m.field);
    this.columnIndex = new Map(this.def.columns.map((c, i) => [c.name, i]));
    this.stageById = new Map([...lookups.stages.values()].map((st) => [st.id, st]));
    this.surveyById = new Map([...lookups.surveys.byName.values()].flat().map((sv) => [sv.id, sv]));
    this.outIndex = this.mapped.map((m) => this.columnIndex.get(m.field.column) ?? -1);
    // a reading that depends only on the cell text is remembered: references, categories, dates, yes/no
    this.memo = this.mapped.map((m) => (MEMO_KINDS.has(m.field.kind) ? new Map<string, Cell>() : null));
    for (const m of this.mapped) if (!this.cellIndex.has(m.field.key)) this.cellIndex.set(m.field.key, m.index);
    this.dupKeys = this.def.duplicateKeys.map((key) => key.map((c) => this.columnIndex.get(c) ?? -1));
    for (const fd of this.def.fields) {
      if (fd.kind !== "enum") continue;
      const m = new Map<string, string>();
      for (const [value, spellings] of Object.entries(fd.values)) for (const sp of [value, ...spellings]) m.set(categoryKey(sp), value);
      this.enumMaps.set(fd.key, m);
    }
  }

  process(row: number, cells: string[]): RowOutcome {
    const headers = this.cfg.headers;
    if (cells.length !== headers.length && !(cells.length > headers.length && cells.slice(headers.length).every((c) => c.trim() === ""))) {
      return { kind: "error", errors: [{ row, column: "(whole row)", value: "", reason: `has ${cells.length} cells; the header has ${headers.length} columns` }] };
    }
    let errors: RowError[] | null = null;
    const values: (string | null)[] = new Array<string | null>(this.def.columns.length).fill(null);
    const mapped = this.mapped;
    for (let m = 0; m < mapped.length; m++) {
      const { index, field } = mapped[m]!;
      const cell = (cells[index] ?? "").trim();
      if (cell === "") {
        if (field.required && !(this.def.type === "surveyResponse" && field.key === "survey")) (errors ??= []).push({ row, column: headers[index] ?? field.label, value: "", reason: `is required (${field.label})` });
        continue;
      }
      const memo = this.memo[m];
      let res = memo?.get(cell);
      if (res === undefined) {
        res = this.readCell(field, cell);
        if (memo && memo.size < MEMO_MAX) memo.set(cell, res);
      }
      if (!res.ok) (errors ??= []).push({ row, column: headers[index] ?? field.label, value: cell, reason: res.reason });
      else if (this.outIndex[m]! >= 0) values[this.outIndex[m]!] = res.value;
    }
    const ruleErrors = this.rowRules(row, values, cells);
    if (ruleErrors) errors = errors ? errors.concat(ruleErrors) : ruleErrors;
    if (errors) return { kind: "error", errors };
    return this.classify(row, values);
  }

  /** The trimmed cell of a field in this row ("" when the field is not mapped). */
  private raw(cells: string[], key: string): string {
    const i = this.cellIndex.get(key);
    return i === undefined ? "" : (cells[i] ?? "").trim();
  }

  /** The header naming a field in this file (its label when not mapped). */
  private label(key: string): string {
    const m = this.mapped.find((x) => x.field.key === key);
    return m ? this.cfg.headers[m.index] ?? m.field.label : this.def.fields.find((fd) => fd.key === key)?.label ?? key;
  }

  private set(values: (string | null)[], column: string, v: string | null) {
    const i = this.columnIndex.get(column);
    if (i !== undefined) values[i] = v;
  }
  private get(values: (string | null)[], column: string): string | null {
    const i = this.columnIndex.get(column);
    return i === undefined ? null : values[i]!;
  }

  private readCell(field: FieldDef, cell: string): Cell {
    switch (field.kind) {
      case "text": return parseText(cell, field.max);
      case "email": return parseEmail(cell);
      case "int": return parseInt10(cell, field.min ?? 0, field.max);
      case "money": return parseMoney(cell);
      case "date": return parseDate(cell, this.cfg.dateFormat);
      case "bool": return parseBool(cell);
      case "enum": {
        const v = this.enumMaps.get(field.key)!.get(categoryKey(cell));
        return v !== undefined ? { ok: true, value: v } : parseEnum(cell, field);
      }
      case "category": return parseCategory(cell, field.list, this.lookups.categories[field.list]);
      case "ref": return this.resolve(field, cell);
    }
  }

  private one(ids: string[] | undefined, what: string, hint: string, cell: string): Cell {
    if (!ids?.length) return { ok: false, reason: `no ${what} "${cell}" in this organization${hint}` };
    if (ids.length > 1) return { ok: false, reason: `${ids.length} ${what}s match "${cell}"; use an external id or rename them` };
    return { ok: true, value: ids[0]! };
  }

  private resolve(field: Extract<FieldDef, { kind: "ref" }>, cell: string): Cell {
    const l = this.lookups;
    switch (field.ref) {
      case "account": {
        const byId = l.accounts.byExternalId.get(cell);
        return byId ? { ok: true, value: byId } : this.one(l.accounts.byName.get(nameKey(cell)), "account", " (import accounts first)", cell);
      }
      case "user": {
        const byEmail = l.users.byEmail.get(cell.toLowerCase());
        return byEmail ? { ok: true, value: byEmail } : this.one(l.users.byName.get(nameKey(cell)), "member", " (use the email of an active member)", cell);
      }
      case "campaign": {
        const id = l.campaigns.get(nameKey(cell));
        return id ? { ok: true, value: id } : { ok: false, reason: `no campaign "${cell}" in this organization (import campaigns first)` };
      }
      case "stage": {
        const s = l.stages.get(categoryKey(cell));
        return s ? { ok: true, value: s.id } : { ok: false, reason: `is not a pipeline stage; allowed: ${l.stageNames.join(", ")}` };
      }
      case "survey": {
        const list = l.surveys.byName.get(nameKey(cell));
        return this.one(list?.map((s) => s.id), "survey", " (create the survey first)", cell);
      }
      case "contact": return this.one(l.contacts.get(cell.toLowerCase()), "contact with email", " (import contacts first)", cell);
      case "deal": {
        const byId = l.deals.byExternalId.get(cell);
        return byId ? { ok: true, value: byId } : this.one(l.deals.byName.get(nameKey(cell)), "deal", " (import deals first)", cell);
      }
      case "ticket": {
        const id = l.tickets.get(cell);
        return id ? { ok: true, value: id } : { ok: false, reason: `no ticket with external id "${cell}" (import tickets first)` };
      }
    }
  }

  /** Rules across cells of a row (a won deal needs its close date, a score must fit its survey type ...); null: none broken. */
  private rowRules(row: number, v: (string | null)[], cells: string[]): RowError[] | null {
    let errors: RowError[] | null = null;
    const err = (key: string, reason: string) => (errors ??= []).push({ row, column: this.label(key), value: this.raw(cells, key), reason });
    const before = (a: string, b: string, keyB: string, what: string) => {
      const x = this.get(v, a), y = this.get(v, b);
      if (x && y && y < x) err(keyB, `is before ${what}`);
    };
    switch (this.def.type) {
      case "deal": {
        const stageId = this.get(v, "stageId");
        const stage = stageId ? this.stageById.get(stageId) : undefined;
        if (stage) {
          this.set(v, "status", stage.kind);
          if (stage.kind !== "OPEN" && !this.get(v, "closedAt")) err("closedAt", `is required: the deal is in the ${stage.kind === "WON" ? "won" : "lost"} stage "${stage.name}"`);
        }
        before("openedAt", "closedAt", "closedAt", "the opened date");
        break;
      }
      case "lead":
        if (this.get(v, "status") === "CONVERTED" && !this.get(v, "convertedAt")) err("convertedAt", "is required for a converted lead");
        if (this.get(v, "status") === "LOST" && !this.get(v, "lostAt")) err("lostAt", "is required for a lost lead");
        before("createdAt", "convertedAt", "convertedAt", "the created date");
        break;
      case "account":
        if (this.get(v, "status") === "CHURNED" && !this.get(v, "churnDate")) err("churnDate", "is required for a churned account");
        before("startDate", "churnDate", "churnDate", "the customer-since date");
        break;
      case "ticket": {
        const status = this.get(v, "status");
        if ((status === "RESOLVED" || status === "CLOSED") && !this.get(v, "resolvedAt")) err("resolvedAt", `is required for a ${status.toLowerCase()} ticket`);
        if (!status && this.get(v, "resolvedAt")) err("status", "is blank but the ticket has a resolved date: give its status");
        before("openedAt", "resolvedAt", "resolvedAt", "the opened date");
        before("openedAt", "firstResponseAt", "firstResponseAt", "the opened date");
        break;
      }
      case "campaign": before("startDate", "endDate", "endDate", "the start date"); break;
      case "cost": before("periodStart", "periodEnd", "periodEnd", "the period start"); break;
      case "surveyResponse": this.surveyRules(v, cells, err); break;
      default: break;
    }
    return errors;
  }

  private surveyRules(v: (string | null)[], cells: string[], err: (key: string, reason: string) => void) {
    const l = this.lookups.surveys;
    const type = this.get(v, "type");
    let surveyId = this.get(v, "surveyId");
    if (!surveyId && !this.raw(cells, "survey")) {
      if (!type) return err("survey", "is required when the row has no survey type");
      const list = l.byType.get(type) ?? [];
      if (list.length !== 1) return err("survey", list.length ? `is required: the organization has ${list.length} active ${type} surveys` : `is required: the organization has no active ${type} survey`);
      surveyId = list[0]!.id;
      this.set(v, "surveyId", surveyId);
    }
    if (!surveyId) return;
    const survey = this.surveyById.get(surveyId)!;
    if (type && type !== survey.type) return err("type", `is ${type} but the survey is a ${survey.type} survey`);
    this.set(v, "type", survey.type);
    const score = this.get(v, "score");
    const range = { NPS: [0, 10], CSAT: [1, 5], CES: [1, 7] }[survey.type] ?? [0, 10];
    if (score != null && (Number(score) < range[0]! || Number(score) > range[1]!)) err("score", `must be ${range[0]}-${range[1]} for a ${survey.type} survey`);
  }

  private classify(row: number, values: (string | null)[]): RowOutcome {
    if (this.cfg.duplicateMode === "keep") return { kind: "create", values };
    const keys = this.dupKeys;
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      let k = "";
      let complete = true;
      for (let p = 0; p < key.length; p++) {
        const v = key[p]! >= 0 ? values[key[p]!] : null;
        if (v == null || v === "") {
          complete = false;
          break;
        }
        k += (p ? "\u0001" : "") + keyPart(v);
      }
      if (!complete) continue;
      if (first) {
        // within the file: the strongest key present identifies the row
        first = false;
        const h = hash53(`${i}:${k}`);
        const earlier = this.seen.get(h);
        if (earlier >= 0) return { kind: "skip", duplicateOf: `row ${earlier} of this file` };
        this.seen.set(h, row);
      }
      const id = this.existing[i]?.get(k);
      if (id) return this.cfg.duplicateMode === "update" ? { kind: "update", target: id, values } : { kind: "skip", duplicateOf: `existing ${this.def.label.toLowerCase()} ${id}` };
    }
    return { kind: "create", values };
  }
}

/** The key fields of a type, in words (for the mapping screen and the docs). */
export function duplicateKeyLabels(type: ImportType): string[] {
  const def = typeDef(type);
  const byColumn = new Map(def.fields.map((fd) => [fd.column, fd.label]));
  return def.duplicateKeys.map((key) => key.map((c) => byColumn.get(c) ?? c).join(" + "));
}
