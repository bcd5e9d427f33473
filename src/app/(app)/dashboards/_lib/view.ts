// The dashboard "view" read from the URL: period, series grain and filters. Pure (no server imports).
import { GRAINS, PRESETS, type Grain, type PeriodInput, type Preset } from "@/server/kpi/period";
import type { PickerValue } from "@/components/kpi/period-picker";
import { isUuid } from "@/server/uuid";

export type SearchParams = Record<string, string | string[] | undefined>;
export type ViewFilters = { ownerId?: string; teamId?: string; channel?: string; priority?: string };
export type View = {
  period: PeriodInput;
  grain?: Grain;
  filters: ViewFilters;
  /** what the picker shows (the URL's own values) */
  picker: PickerValue;
  /** the view's query string (period, grain, filters), carried to drill-down links */
  query: string;
};

export const DEFAULT_PRESET: Preset = "this_quarter";
const YMD = /^\d{4}-\d{2}-\d{2}$/;
export const CHANNELS = ["EMAIL", "PHONE", "CHAT", "WEB", "SOCIAL"] as const;
export const PRIORITIES = ["LOW", "MEDIUM", "HIGH", "URGENT"] as const;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const ymdDate = (s: string | undefined) => (s && YMD.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) ? new Date(`${s}T00:00:00Z`) : undefined);

type Allowed = { owner?: boolean; team?: boolean; channel?: boolean; priority?: boolean };

/** Reads the view from searchParams; anything malformed falls back to the default rather than failing. */
export function readView(sp: SearchParams, allowed: Allowed = {}): View {
  const q = new URLSearchParams();
  const picker: PickerValue = {};
  let period: PeriodInput;
  const start = ymdDate(one(sp.start));
  const end = ymdDate(one(sp.end));
  const preset = one(sp.period);
  if (start && end && end > start && start.getUTCFullYear() >= 1990 && end.getUTCFullYear() <= 2200) {
    period = { start, end };
    picker.start = one(sp.start);
    picker.end = one(sp.end);
    q.set("start", picker.start!);
    q.set("end", picker.end!);
  } else {
    const p = (PRESETS as readonly string[]).includes(preset ?? "") ? (preset as Preset) : DEFAULT_PRESET;
    period = { preset: p };
    picker.preset = p;
    q.set("period", p);
  }
  const g = one(sp.grain);
  const grain = (GRAINS as readonly string[]).includes(g ?? "") ? (g as Grain) : undefined;
  if (grain) {
    picker.grain = grain;
    q.set("grain", grain);
  }
  const filters: ViewFilters = {};
  const owner = one(sp.owner);
  const team = one(sp.team);
  const channel = one(sp.channel)?.toUpperCase();
  const priority = one(sp.priority)?.toUpperCase();
  if (allowed.owner && owner && isUuid(owner)) {
    filters.ownerId = picker.owner = owner;
    q.set("owner", owner);
  } else if (allowed.team && team && isUuid(team)) {
    filters.teamId = picker.team = team;
    q.set("team", team);
  }
  if (allowed.channel && channel && (CHANNELS as readonly string[]).includes(channel)) {
    filters.channel = picker.channel = channel;
    q.set("channel", channel);
  }
  if (allowed.priority && priority && (PRIORITIES as readonly string[]).includes(priority)) {
    filters.priority = picker.priority = priority;
    q.set("priority", priority);
  }
  return { period, grain, filters, picker, query: q.toString() };
}

/** The page number of a paginated list (?page=), 1 when missing or malformed. */
export function readPage(sp: SearchParams): number {
  const n = Number(one(sp.page));
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
