import { percent, present, ratio, type DrillDefinition, type FilterSql, type KpiDefinition } from "../types";
import { inBucket, inRange } from "../sql";
import { NPS_DETRACTOR, NPS_PASSIVE, NPS_PROMOTER, NPS_RESPONSES, RESPONSE_OWNER } from "./nps";
import { OWNER_FILTERS, TICKET_DIMENSIONS, TICKET_ROLLUP_FILTERS, daySum, dayMean, durationHistCte, durationPercentile, snapshotAt, snapshotCte } from "../rollup";

// Support & satisfaction KPIs. Periods are [start, end) in UTC on the timestamp named in each formula:
// a ticket is "resolved in the period" when its resolvedAt (the last resolution) falls in it, "opened" on openedAt,
// "first responded" on firstResponseAt; a survey answer counts in the period of its respondedAt.
// Ticket owner = the assignee; a team = its members' tickets.
const TIX = `"Ticket" t WHERE t."organizationId" = $1::uuid AND t."deletedAt" IS NULL`;
const ticketFilters = ["ownerId", "teamId", "channel", "priority"] as const;
const tf = { ownerId: 't."assigneeId"', channel: 't.channel', priority: 't.priority' };
/** A snapshot drill-down reads only the period end ($3); the engine always passes $2, which Postgres must be able to type. */
const hours = (from: string, to: string) => `EXTRACT(EPOCH FROM (${to} - ${from}))::float8 / 3600.0`;

// Survey answers: SurveyResponse.type is copied from the survey. Owner/team = assignee of the linked ticket.
const RESP = (type: "CSAT" | "CES") => `"SurveyResponse" r WHERE r."organizationId" = $1::uuid AND r.type = '${type}'`;
const surveyFilters = ["ownerId", "teamId"] as const;
const rf = { ownerId: RESPONSE_OWNER };

const ticketColumns = [
  { key: "subject", label: "Ticket" },
  { key: "channel", label: "Channel" },
  { key: "priority", label: "Priority" },
  { key: "openedAt", label: "Opened", type: "date" },
] as const;
const TICKET_SELECT = `t.id, t.subject, t.channel::text AS channel, t.priority::text AS priority, t.status::text AS status, t."assigneeId", t."openedAt"`;

// ---- durations: mean / median / p90 hours -------------------------------------------------------------
type Stat = { suffix: "mean" | "median" | "p90"; label: string; agg: (x: string) => string; p?: number };
const STATS: Stat[] = [
  { suffix: "mean", label: "mean", agg: (x) => `avg(${x})` },
  { suffix: "median", label: "median", agg: (x) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${x})`, p: 0.5 },
  { suffix: "p90", label: "90th percentile", agg: (x) => `percentile_cont(0.9) WITHIN GROUP (ORDER BY ${x})`, p: 0.9 },
];

/**
 * `metric`: the rollup metric whose total is the seconds from opening to `end` (the mean reads it);
 * `hist`: the duration histogram metric the percentiles read (organization-wide: any filter reads the base table).
 */
function durationKpis(o: { id: string; name: string; what: string; end: 't."firstResponseAt"' | 't."resolvedAt"'; metric: string; hist: string; periodText: string; reason: string; drill: DrillDefinition }): KpiDefinition[] {
  const h = hours('t."openedAt"', o.end);
  return STATS.map((s) => ({
    id: `${o.id}_${s.suffix}`,
    name: `${o.name} (${s.label})`,
    family: "support",
    description: `The ${s.label} number of hours ${o.what}.`,
    unit: "hours",
    direction: "lower",
    formula: `${s.label} of (${o.end.replace(/t\."(\w+)"/, "$1")} − openedAt) in hours, over ${o.periodText}${s.suffix === "mean" ? "" : " (percentile_cont: linear interpolation between the two nearest tickets)"}.`,
    filters: ticketFilters,
    components: (f) => `(SELECT ${s.agg(h)} FROM ${TIX} AND ${inBucket(o.end)}${f(tf)}) AS hours`,
    rollup:
      s.p === undefined
        ? { filters: TICKET_ROLLUP_FILTERS, components: (f: FilterSql) => `${dayMean(f, o.metric, 3600)} AS hours` }
        : { filters: TICKET_DIMENSIONS, with: (f: FilterSql) => durationHistCte("hist", f, o.hist), components: (f: FilterSql) => `${durationPercentile("hist", f, s.p!, o.end, 3600)} AS hours` },
    value: (c) => present(c.hours, o.reason),
    drill: o.drill,
  }));
}

const slowest = (end: string, title: string, endLabel: string): DrillDefinition => ({
  title,
  columns: [...ticketColumns, { key: "endAt", label: endLabel, type: "date" }, { key: "hours", label: "Hours", type: "number" }],
  sql: (f) => `SELECT ${TICKET_SELECT}, ${end} AS "endAt", ${hours('t."openedAt"', end)} AS hours FROM ${TIX} AND ${inRange(end)}${f(tf)}`,
  orderBy: "hours DESC, id",
});

// ---- NPS (promoter / passive / detractor definitions live in nps.ts) ---------------------------------
const npsCount = (cond: string | null, f: string) => `(SELECT count(*) FROM ${NPS_RESPONSES} AND ${inBucket('r."respondedAt"')}${cond ? ` AND ${cond}` : ""}${f})`;
const NO_NPS = "no NPS answers in period";
const detractorsDrill: DrillDefinition = {
  title: "Detractors' answers (0-6) in the period, with their comments",
  columns: [
    { key: "score", label: "Score", type: "number" },
    { key: "comment", label: "Comment" },
    { key: "respondedAt", label: "Answered", type: "date" },
    { key: "ticketSubject", label: "Ticket" },
  ],
  sql: (f) =>
    `SELECT r.id, r.score, r.comment, r."respondedAt", r."accountId", r."contactId", r."ticketId", (SELECT tk.subject FROM "Ticket" tk WHERE tk.id = r."ticketId") AS "ticketSubject"
       FROM ${NPS_RESPONSES} AND ${NPS_DETRACTOR} AND ${inRange('r."respondedAt"')}${f(rf)}`,
  orderBy: `(comment IS NULL), score, "respondedAt" DESC, id`,
};
/** `metric`: the rollup metric counting the group's answers. */
function npsShareKpi(id: string, name: string, cond: string, metric: string, group: string, direction: "higher" | "lower", description: string): KpiDefinition {
  return {
    id,
    name,
    family: "support",
    description,
    unit: "percent",
    direction,
    formula: `NPS answers scoring ${group} ÷ all NPS answers (0-10) given in the period (respondedAt) × 100.`,
    filters: surveyFilters,
    components: (f) => `${npsCount(cond, f(rf))} AS part, ${npsCount(null, f(rf))} AS n`,
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, metric)} AS part, ${daySum(f, "survey.nps")} AS n` },
    value: (c) => percent(c.part, c.n, NO_NPS),
    ...(cond === NPS_DETRACTOR ? { drill: detractorsDrill } : {}),
  };
}

export const supportKpis: KpiDefinition[] = [
  {
    id: "first_contact_resolution",
    name: "First contact resolution",
    family: "support",
    description: "Share of the tickets resolved in the period that were solved with a single contact.",
    unit: "percent",
    direction: "higher",
    formula: "tickets resolved in the period (resolvedAt in the period) with exactly one agent contact (contactCount = 1) ÷ tickets resolved in the period × 100.",
    filters: ticketFilters,
    components: (f) => {
      const w = f(tf);
      return `(SELECT count(*) FROM ${TIX} AND ${inBucket('t."resolvedAt"')} AND t."contactCount" = 1${w}) AS first_contact,
        (SELECT count(*) FROM ${TIX} AND ${inBucket('t."resolvedAt"')}${w}) AS resolved`;
    },
    rollup: { filters: TICKET_ROLLUP_FILTERS, components: (f) => `${daySum(f, "ticket.resolved.first_contact")} AS first_contact, ${daySum(f, "ticket.resolved")} AS resolved` },
    value: (c) => percent(c.first_contact, c.resolved, "no tickets resolved in period"),
    drill: {
      title: "Tickets resolved in the period that were not resolved on first contact",
      columns: [...ticketColumns, { key: "contactCount", label: "Contacts", type: "number" }, { key: "resolvedAt", label: "Resolved", type: "date" }],
      sql: (f) => `SELECT ${TICKET_SELECT}, t."contactCount", t."resolvedAt" FROM ${TIX} AND ${inRange('t."resolvedAt"')} AND t."contactCount" <> 1${f(tf)}`,
      orderBy: '"resolvedAt" DESC, id',
    },
  },
  ...durationKpis({
    id: "first_response_time",
    name: "First response time",
    what: "from a ticket's opening to the first agent response",
    end: 't."firstResponseAt"',
    metric: "ticket.first_response",
    hist: "ticket_hist.first_response",
    periodText: "tickets whose first response (firstResponseAt) is in the period",
    reason: "no first responses in period",
    drill: slowest('t."firstResponseAt"', "Slowest first responses in the period", "First response"),
  }),
  ...durationKpis({
    id: "resolution_time",
    name: "Time to resolve",
    what: "from a ticket's opening to its resolution",
    end: 't."resolvedAt"',
    metric: "ticket.resolved",
    hist: "ticket_hist.resolved",
    periodText: "tickets resolved in the period (resolvedAt in the period)",
    reason: "no tickets resolved in period",
    drill: slowest('t."resolvedAt"', "Slowest tickets resolved in the period", "Resolved"),
  }),
  {
    id: "tickets_opened_per_day",
    name: "Tickets opened per day",
    family: "support",
    description: "How many tickets arrive per day on average.",
    unit: "per_day",
    direction: "lower",
    formula: "tickets opened in the period (openedAt in the period) ÷ days of the period elapsed so far, today included (the whole period once it is over).",
    filters: ticketFilters,
    components: (f) => `(SELECT count(*) FROM ${TIX} AND ${inBucket('t."openedAt"')}${f(tf)}) AS n, b.days AS days`,
    rollup: { filters: TICKET_ROLLUP_FILTERS, components: (f) => `${daySum(f, "ticket.opened")} AS n, b.days AS days` },
    value: (c) => ratio(c.n, c.days, "the period has not started yet"),
    drill: {
      title: "Tickets opened in the period",
      columns: [...ticketColumns, { key: "status", label: "Status" }],
      sql: (f) => `SELECT ${TICKET_SELECT} FROM ${TIX} AND ${inRange('t."openedAt"')}${f(tf)}`,
      orderBy: '"openedAt" DESC, id',
    },
  },
  {
    id: "tickets_closed_per_day",
    name: "Tickets closed per day",
    family: "support",
    description: "How many tickets are resolved per day on average.",
    unit: "per_day",
    direction: "higher",
    formula: "tickets resolved in the period (resolvedAt in the period, whatever their status since) ÷ days of the period elapsed so far, today included (the whole period once it is over).",
    filters: ticketFilters,
    components: (f) => `(SELECT count(*) FROM ${TIX} AND ${inBucket('t."resolvedAt"')}${f(tf)}) AS n, b.days AS days`,
    rollup: { filters: TICKET_ROLLUP_FILTERS, components: (f) => `${daySum(f, "ticket.resolved")} AS n, b.days AS days` },
    value: (c) => ratio(c.n, c.days, "the period has not started yet"),
    drill: {
      title: "Tickets resolved in the period",
      columns: [...ticketColumns, { key: "resolvedAt", label: "Resolved", type: "date" }],
      sql: (f) => `SELECT ${TICKET_SELECT}, t."resolvedAt" FROM ${TIX} AND ${inRange('t."resolvedAt"')}${f(tf)}`,
      orderBy: '"resolvedAt" DESC, id',
    },
  },
  {
    id: "ticket_backlog",
    name: "Ticket backlog",
    family: "support",
    description: "Tickets still waiting for a resolution at the end of the period.",
    unit: "count",
    direction: "lower",
    formula: "snapshot at the end of the period: tickets opened before the end and not resolved by then (resolvedAt empty or at/after the end).",
    filters: ticketFilters,
    components: (f) => `(SELECT count(*) FROM ${TIX} AND t."openedAt" < b."end" AND (t."resolvedAt" IS NULL OR t."resolvedAt" >= b."end")${f(tf)}) AS n`,
    rollup: { filters: TICKET_ROLLUP_FILTERS, with: (f) => snapshotCte("backlog", f, "ticket.backlog"), components: () => `${snapshotAt("backlog", 'b."end"')} AS n` },
    value: (c) => present(c.n, "no data"),
    drill: {
      title: "Tickets open at the end of the period (oldest first)",
      columns: [...ticketColumns, { key: "status", label: "Status" }, { key: "ageHours", label: "Age at period end (hours)", type: "number" }],
      sql: (f) =>
        `SELECT ${TICKET_SELECT}, ${hours('t."openedAt"', "$3::timestamp")} AS "ageHours" FROM ${TIX} AND t."openedAt" < $3::timestamp AND (t."resolvedAt" IS NULL OR t."resolvedAt" >= $3::timestamp)${f(tf)}`,
      orderBy: '"openedAt", id',
    },
  },
  {
    id: "reopen_rate",
    name: "Reopen rate",
    family: "support",
    description: "Share of the tickets resolved in the period that had been reopened at least once.",
    unit: "percent",
    direction: "lower",
    formula: "tickets resolved in the period (resolvedAt in the period) with reopenCount > 0 ÷ tickets resolved in the period × 100.",
    filters: ticketFilters,
    components: (f) => {
      const w = f(tf);
      return `(SELECT count(*) FROM ${TIX} AND ${inBucket('t."resolvedAt"')} AND t."reopenCount" > 0${w}) AS reopened,
        (SELECT count(*) FROM ${TIX} AND ${inBucket('t."resolvedAt"')}${w}) AS resolved`;
    },
    rollup: { filters: TICKET_ROLLUP_FILTERS, components: (f) => `${daySum(f, "ticket.resolved.reopened")} AS reopened, ${daySum(f, "ticket.resolved")} AS resolved` },
    value: (c) => percent(c.reopened, c.resolved, "no tickets resolved in period"),
    drill: {
      title: "Reopened tickets resolved in the period",
      columns: [...ticketColumns, { key: "reopenCount", label: "Reopened", type: "number" }, { key: "resolvedAt", label: "Resolved", type: "date" }],
      sql: (f) => `SELECT ${TICKET_SELECT}, t."reopenCount", t."resolvedAt" FROM ${TIX} AND ${inRange('t."resolvedAt"')} AND t."reopenCount" > 0${f(tf)}`,
      orderBy: '"reopenCount" DESC, "resolvedAt" DESC, id',
    },
  },
  {
    id: "csat",
    name: "Customer satisfaction (CSAT)",
    family: "support",
    description: "Share of CSAT answers that are satisfied (4 or 5 on the 1-5 scale).",
    unit: "percent",
    direction: "higher",
    formula: "CSAT answers scoring 4 or 5 ÷ all CSAT answers given in the period (respondedAt) × 100. Owner/team: assignee of the answered ticket.",
    filters: surveyFilters,
    components: (f) => {
      const w = f(rf);
      return `(SELECT count(*) FROM ${RESP("CSAT")} AND ${inBucket('r."respondedAt"')} AND r.score >= 4${w}) AS satisfied,
        (SELECT count(*) FROM ${RESP("CSAT")} AND ${inBucket('r."respondedAt"')}${w}) AS n`;
    },
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, "survey.csat.satisfied")} AS satisfied, ${daySum(f, "survey.csat")} AS n` },
    value: (c) => percent(c.satisfied, c.n, "no CSAT answers in period"),
    drill: {
      title: "Dissatisfied CSAT answers (1-3) in the period",
      columns: [
        { key: "score", label: "Score", type: "number" },
        { key: "comment", label: "Comment" },
        { key: "respondedAt", label: "Answered", type: "date" },
      ],
      sql: (f) => `SELECT r.id, r.score, r.comment, r."respondedAt", r."ticketId" FROM ${RESP("CSAT")} AND r.score <= 3 AND ${inRange('r."respondedAt"')}${f(rf)}`,
      orderBy: 'score, "respondedAt" DESC, id',
    },
  },
  {
    id: "csat_mean",
    name: "CSAT mean score",
    family: "support",
    description: "Average CSAT score on the 1-5 scale.",
    unit: "score",
    direction: "higher",
    formula: "mean of the CSAT scores (1-5) given in the period (respondedAt).",
    filters: surveyFilters,
    components: (f) => `(SELECT avg(r.score)::float8 FROM ${RESP("CSAT")} AND ${inBucket('r."respondedAt"')}${f(rf)}) AS mean`,
    rollup: { filters: OWNER_FILTERS, components: (f) => `${dayMean(f, "survey.csat")} AS mean` },
    value: (c) => present(c.mean, "no CSAT answers in period"),
  },
  {
    id: "nps",
    name: "Net Promoter Score (NPS)",
    family: "support",
    description: "% promoters minus % detractors among the NPS answers, from −100 (all detractors) to +100 (all promoters).",
    unit: "score",
    direction: "higher",
    formula: "(NPS answers scoring 9-10 − answers scoring 0-6) ÷ all NPS answers (0-10) given in the period (respondedAt) × 100; range −100..+100.",
    filters: surveyFilters,
    components: (f) => {
      const w = f(rf);
      return `${npsCount(NPS_PROMOTER, w)} AS promoters, ${npsCount(NPS_DETRACTOR, w)} AS detractors, ${npsCount(null, w)} AS n`;
    },
    rollup: { filters: OWNER_FILTERS, components: (f) => `${daySum(f, "survey.nps.promoter")} AS promoters, ${daySum(f, "survey.nps.detractor")} AS detractors, ${daySum(f, "survey.nps")} AS n` },
    value: (c) => percent(c.promoters == null || c.detractors == null ? null : c.promoters - c.detractors, c.n ?? null, NO_NPS),
    drill: detractorsDrill,
  },
  npsShareKpi("nps_promoters_pct", "NPS promoters", NPS_PROMOTER, "survey.nps.promoter", "9-10 (promoters)", "higher", "Share of NPS answers from promoters (9-10)."),
  npsShareKpi("nps_passives_pct", "NPS passives", NPS_PASSIVE, "survey.nps.passive", "7-8 (passives)", "lower", "Share of NPS answers from passives (7-8): satisfied but unenthusiastic, the ones to turn into promoters."),
  npsShareKpi("nps_detractors_pct", "NPS detractors", NPS_DETRACTOR, "survey.nps.detractor", "0-6 (detractors)", "lower", "Share of NPS answers from detractors (0-6)."),
  {
    id: "ces",
    name: "Customer effort score (CES)",
    family: "support",
    description: "How easy customers say it was to get their issue resolved, on a 1-7 scale (1 = very difficult, 7 = very easy); higher is better.",
    unit: "score",
    direction: "higher",
    formula: "mean of the CES answers (1 = very difficult … 7 = very easy) given in the period (respondedAt).",
    filters: surveyFilters,
    components: (f) => `(SELECT avg(r.score)::float8 FROM ${RESP("CES")} AND ${inBucket('r."respondedAt"')}${f(rf)}) AS mean`,
    rollup: { filters: OWNER_FILTERS, components: (f) => `${dayMean(f, "survey.ces")} AS mean` },
    value: (c) => present(c.mean, "no CES answers in period"),
  },
];
