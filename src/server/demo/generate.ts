// Deterministic demo data: a believable company ("Northwind Analytics") with three years of CRM history up to
// `now`, plus a small second tenant ("Contoso Retail"). Same seed + size + now => identical rows (ids included):
// every value comes from the seeded PRNG and `now`, never from the clock or Math.random.
//
// Rows are streamed into the database in large chunks (one INSERT ... SELECT FROM json_populate_recordset per
// chunk), so the "bench" size (millions of rows) never holds whole tables in memory and never does one query
// per row. Writers flush their parents first, so foreign keys are always satisfied.
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Role } from "@/generated/prisma/enums";
import { hashPassword } from "@/server/auth/password";
import { DEFAULT_PIPELINE_STAGES } from "@/server/org/defaults";
import { exampleRules } from "@/server/automation/rule-input";
import { Rng } from "./random";
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS, type DemoOrgSlug } from "./users";
import { DEFAULT_SCORING_WEIGHTS } from "@/server/scoring/model";
import { recomputeLeadScores } from "@/server/scoring/recompute";

export type DemoSize = "test" | "demo" | "bench";

export type DemoOptions = { seed: number; size: DemoSize; now: Date; onProgress?: (msg: string) => void };

export type DemoSummary = {
  seed: number;
  size: DemoSize;
  now: string;
  organizations: { slug: string; id: string; name: string; counts: Record<string, number> }[];
  /** rows per table, all organizations together */
  totals: Record<string, number>;
};

type OrgSize = {
  accounts: number;
  leads: number;
  deals: number;
  tickets: number;
  responses: number;
  extraReps: number;
  extraAgents: number;
  /** share of records that get an AuditLog "create"/"update" sample */
  auditRate: number;
  /** multiplier on the number of activities per lead/deal */
  activityScale: number;
};

const CONTOSO_SMALL: OrgSize = { accounts: 60, leads: 600, deals: 150, tickets: 400, responses: 150, extraReps: 1, extraAgents: 1, auditRate: 0.3, activityScale: 1 };

export const DEMO_SIZES: Record<DemoSize, Record<DemoOrgSlug, OrgSize>> = {
  test: {
    northwind: { accounts: 40, leads: 220, deals: 90, tickets: 150, responses: 100, extraReps: 0, extraAgents: 0, auditRate: 0.5, activityScale: 1 },
    contoso: { accounts: 8, leads: 30, deals: 12, tickets: 20, responses: 15, extraReps: 0, extraAgents: 0, auditRate: 0.5, activityScale: 1 },
  },
  demo: {
    northwind: { accounts: 1500, leads: 20000, deals: 5000, tickets: 15000, responses: 6000, extraReps: 3, extraAgents: 3, auditRate: 0.2, activityScale: 1 },
    contoso: CONTOSO_SMALL,
  },
  bench: {
    northwind: { accounts: 50000, leads: 1000000, deals: 300000, tickets: 1000000, responses: 500000, extraReps: 20, extraAgents: 20, auditRate: 0.02, activityScale: 0.4 },
    contoso: CONTOSO_SMALL,
  },
};

// ---------------------------------------------------------------------------------------------------------------
// time

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const money = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function addYears(ms: number, years: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), Math.min(d.getUTCDate(), 28), d.getUTCHours(), d.getUTCMinutes());
}

// relative activity per calendar month (Jan..Dec): spring/autumn peaks, summer and December dips
const SEASON = [1.0, 1.05, 1.15, 1.05, 1.0, 0.95, 0.82, 0.78, 1.1, 1.15, 1.08, 0.72];

class Timeline {
  readonly start: number;
  constructor(readonly end: number) {
    const d = new Date(end);
    this.start = Date.UTC(d.getUTCFullYear() - 3, d.getUTCMonth(), d.getUTCDate());
  }
  /** 0 at the start of history, 1 at `now`. */
  frac(t: number): number {
    return clamp((t - this.start) / (this.end - this.start), 0, 1);
  }
  /** business volume at t: grows ~2.5x over the three years, with seasons. */
  intensity(t: number, weekdays: boolean): number {
    const d = new Date(t);
    let w = (0.55 + 0.85 * this.frac(t)) * (SEASON[d.getUTCMonth()] ?? 1);
    if (weekdays) {
      const wd = d.getUTCDay();
      if (wd === 0 || wd === 6) w *= 0.4;
    }
    return w;
  }
  /** a moment in [from, to) drawn in proportion to intensity (rejection sampling). */
  sample(rng: Rng, from = this.start, to = this.end, weekdays = false): number {
    if (to <= from) return from;
    const max = 1.4 * 1.15;
    for (let i = 0; i < 64; i++) {
      const t = from + rng.next() * (to - from);
      if (rng.next() * max < this.intensity(t, weekdays)) return Math.floor(t);
    }
    return Math.floor(from + rng.next() * (to - from));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// chunked writer

type Row = Record<string, unknown>;

class Writer {
  private rows: Row[] = [];
  private inFlight: Promise<void> | null = null;
  total = 0;
  constructor(
    private readonly db: PrismaClient,
    readonly table: string,
    private readonly chunk: number,
    private readonly progress: (msg: string) => void,
    private readonly label: string,
    private readonly deps: Writer[] = [],
  ) {}

  async add(row: Row): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.chunk) await this.flush(false);
  }

  /**
   * Sends the buffered rows. The INSERT runs while generation goes on (at most one in flight per table);
   * `wait` also waits until it is done. Parent tables are always completely written first (foreign keys).
   */
  async flush(wait = true): Promise<void> {
    for (const d of this.deps) await d.flush(true);
    if (this.rows.length > 0) {
      const rows = this.rows;
      this.rows = [];
      const cols = Object.keys(rows[0] as Row).map((c) => `"${c}"`).join(", ");
      const json = JSON.stringify(rows);
      await this.inFlight;
      // json_populate_recordset converts every value with the column's own type (uuid, enum, timestamp, numeric, jsonb)
      const p = this.db
        .$executeRawUnsafe(`INSERT INTO "${this.table}" (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::"${this.table}", $1::json)`, json)
        .then(() => {
          const before = this.total;
          this.total += rows.length;
          if (Math.floor(this.total / 100_000) > Math.floor(before / 100_000)) this.progress(`${this.label}: ${this.table} ${this.total.toLocaleString("en-US")} rows`);
        });
      p.catch(() => {}); // awaited (and rethrown) by the next flush; avoids an unhandled rejection meanwhile
      this.inFlight = p;
    }
    if (wait && this.inFlight) {
      const p = this.inFlight;
      this.inFlight = null;
      await p;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// vocabularies

const FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Kenji", "Emily", "Omar", "Fatima", "Wei", "Mei", "Raj", "Ananya", "Lars", "Ingrid", "Mateo", "Sofia", "Noah", "Olivia", "Liam", "Emma", "Lucas", "Amara", "Ethan", "Chloe", "Hugo", "Zara", "Ivan", "Elena", "Tariq", "Leila", "Diego", "Camila", "Jonas", "Freya", "Kwame", "Ama"];
const LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Chen", "Kim", "Patel", "Singh", "Müller", "Schmidt", "Rossi", "Dubois", "Silva", "Costa", "Novak"];
const CO_A = ["Acme", "Blue", "Summit", "Apex", "Cedar", "Nova", "Vertex", "Harbor", "Pioneer", "Silver", "Granite", "Crimson", "Evergreen", "Bright", "Northern", "Pacific", "Atlas", "Beacon", "Cobalt", "Delta", "Falcon", "Golden", "Horizon", "Iron", "Juniper", "Keystone", "Lumen", "Maple", "Orion", "Prairie", "Quantum", "Redwood", "Sterling", "Titan", "Unity", "Vista", "Willow", "Zenith", "Aurora", "Meridian"];
const CO_B = ["Labs", "Systems", "Logistics", "Foods", "Health", "Partners", "Works", "Retail", "Energy", "Media", "Analytics", "Dynamics", "Solutions", "Industries", "Networks", "Outfitters", "Pharma", "Capital", "Freight", "Studios", "Robotics", "Brands", "Clinics", "Motors", "Textiles"];
const CO_C = ["", "", "", " Inc", " LLC", " Group", " & Co", " Ltd", " Holdings", " International"];
const INDUSTRIES = ["Software", "Retail", "Manufacturing", "Healthcare", "Financial Services", "Logistics", "Education", "Media", "Energy", "Hospitality"];
const TITLES = ["CEO", "CTO", "CFO", "VP Sales", "VP Marketing", "Head of Operations", "Data Analyst", "IT Manager", "Marketing Manager", "Sales Operations Manager", "Director of Finance", "Customer Success Lead", "Procurement Specialist", "BI Lead"];
const PRODUCTS = ["Analytics Cloud", "Data Platform", "Insights Pro", "Dashboards Starter", "Forecasting Suite"];
const ADDONS = ["Premium Support", "Onboarding Services", "Extra Seats", "Data Connectors Pack", "Training Workshop"];
const LOST_REASONS = ["Price too high", "Chose a competitor", "No budget", "No decision", "Timing", "Missing feature"];
const CHURN_REASONS = ["Did not renew", "Budget cuts", "Switched to a competitor", "Company acquired"];
const TICKET_CATEGORIES: Record<string, { w: number; res: number; subjects: string[] }> = {
  "Technical issue": { w: 30, res: 1.2, subjects: ["Dashboard not loading", "Report shows wrong totals", "Slow queries since update", "Chart export fails"] },
  Billing: { w: 15, res: 0.6, subjects: ["Invoice question", "Update payment method", "Duplicate charge", "Change billing contact"] },
  "Account access": { w: 15, res: 0.3, subjects: ["Cannot log in", "Reset two-factor", "Add a new user", "SSO configuration"] },
  Integration: { w: 12, res: 1.6, subjects: ["Salesforce sync stopped", "API rate limit", "Webhook not firing", "Data import failing"] },
  "How-to": { w: 14, res: 0.5, subjects: ["How to build a funnel report", "Sharing dashboards", "Scheduling exports", "Custom KPI formula"] },
  "Bug report": { w: 9, res: 2.2, subjects: ["Filter resets on refresh", "Timezone off by one day", "PDF layout broken", "Duplicate rows in export"] },
  "Feature request": { w: 5, res: 3.5, subjects: ["Request: dark mode", "Request: more chart types", "Request: Slack alerts", "Request: custom fiscal year"] },
};
const CATEGORY_NAMES = Object.keys(TICKET_CATEGORIES);
const CATEGORY_WEIGHTS = CATEGORY_NAMES.map((c) => TICKET_CATEGORIES[c]?.w ?? 1);

// lead sources: volume weight, relative conversion propensity, and the campaign channel they come from
const SOURCES: { source: string; volume: number; conv: number; channel: string | null }[] = [
  { source: "web", volume: 30, conv: 1.0, channel: "content" },
  { source: "paid search", volume: 20, conv: 0.7, channel: "paid search" },
  { source: "social", volume: 15, conv: 0.5, channel: "social" },
  { source: "email", volume: 12, conv: 0.8, channel: "email" },
  { source: "event", volume: 8, conv: 1.5, channel: "events" },
  { source: "referral", volume: 5, conv: 2.6, channel: "referral" },
  { source: "outbound", volume: 10, conv: 0.6, channel: null },
];
const CHANNELS: { channel: string; label: string; cpl: number }[] = [
  { channel: "email", label: "Email Newsletter", cpl: 25 },
  { channel: "social", label: "Social Ads", cpl: 70 },
  { channel: "paid search", label: "Paid Search", cpl: 140 },
  { channel: "events", label: "Events", cpl: 260 },
  { channel: "content", label: "Content & Webinars", cpl: 45 },
  { channel: "referral", label: "Referral Program", cpl: 60 },
];

const SEGMENTS = {
  SMB: { w: 60, median: 9000, emp: [10, 200], cycle: 0.7, churn: 0.2 },
  "Mid-market": { w: 30, median: 32000, emp: [200, 2000], cycle: 1.0, churn: 0.12 },
  Enterprise: { w: 10, median: 120000, emp: [2000, 50000], cycle: 1.6, churn: 0.06 },
} as const;
type Segment = keyof typeof SEGMENTS;
const SEGMENT_NAMES = Object.keys(SEGMENTS) as Segment[];
const SEGMENT_WEIGHTS = SEGMENT_NAMES.map((s) => SEGMENTS[s].w);

// pipeline: a new organization's default stages (open stages in order; index 5 = Closed Won, 6 = Closed Lost)
const STAGES = DEFAULT_PIPELINE_STAGES;
const WON = 5;
const LOST = 6;
// share of the cycle spent in each open stage (Needs Analysis is the slow one)
const STAGE_SHARE = [0.1, 0.14, 0.36, 0.2, 0.2];

// ---------------------------------------------------------------------------------------------------------------
// per-organization generation

type Staff = { id: string; email: string; name: string; role: Role; joinedAt: number; teamId: string | null };

type Acc = {
  id: string;
  name: string;
  domain: string;
  segment: Segment;
  industry: string;
  employees: number;
  ownerId: string;
  createdAt: number;
  customer: boolean;
  legacy: boolean;
  startDate: number | null;
  churnDate: number | null;
  baseAmount: number;
  product: string;
  contacts: string[];
  // planned NEW deal of a non-legacy customer
  cycleDays: number;
  convDays: number;
  source: (typeof SOURCES)[number];
  campaignId: string | null;
  leadCreatedAt: number;
  renewals: { at: number; won: boolean; k: number }[];
};

type Counts = Record<string, number>;

class OrgGen {
  readonly w: Record<"campaign" | "account" | "contact" | "lead" | "deal" | "stageChange" | "purchase" | "activity" | "ticket" | "response" | "cost" | "audit" | "login", Writer>;
  readonly counts: Counts = {};
  readonly stageIds: string[] = [];
  reps: Staff[] = [];
  agents: Staff[] = [];
  staff: Staff[] = [];
  salesManager!: Staff;
  supportManager!: Staff;
  crmManager!: Staff;
  campaignIds = new Map<string, string>(); // `${channel}|${quarterIndex}` -> id
  campaignLeads = new Map<string, number>();
  campaigns: { id: string; channel: string; start: number; end: number; isNurture: boolean }[] = [];
  nurtureId = "";
  quarter0 = 0;
  accounts: Acc[] = [];
  customers: Acc[] = [];
  customerStarts = new Float64Array(0);
  surveyIds: Record<"NPS" | "CSAT" | "CES", string> = { NPS: "", CSAT: "", CES: "" };
  usedNames = new Set<string>();
  leadSeq = 0;
  dealSeq = 0;
  ticketSeq = 0;
  openTicketsByAgent = new Map<string, string[]>();

  constructor(
    readonly db: PrismaClient,
    readonly rng: Rng,
    readonly tl: Timeline,
    readonly orgId: string,
    readonly slug: DemoOrgSlug,
    readonly size: OrgSize,
    readonly progress: (msg: string) => void,
    chunk: number,
  ) {
    const mk = (table: string, deps: Writer[] = []) => new Writer(db, table, chunk, progress, slug, deps);
    const campaign = mk("Campaign");
    const account = mk("Account", [campaign]);
    const contact = mk("Contact", [account]);
    const lead = mk("Lead", [campaign, account]);
    const deal = mk("Deal", [lead, account]);
    const stageChange = mk("DealStageChange", [deal]);
    const purchase = mk("Purchase", [deal]);
    const activity = mk("Activity", [lead, deal]);
    const ticket = mk("Ticket", [account, contact]);
    const response = mk("SurveyResponse", [ticket, contact]);
    const cost = mk("Cost", [campaign]);
    const audit = mk("AuditLog");
    const login = mk("LoginEvent");
    this.w = { campaign, account, contact, lead, deal, stageChange, purchase, activity, ticket, response, cost, audit, login };
  }

  get now(): number {
    return this.tl.end;
  }

  async flushAll(): Promise<void> {
    for (const w of Object.values(this.w)) await w.flush();
    for (const w of Object.values(this.w)) this.counts[w.table] = w.total;
  }

  // --- people --------------------------------------------------------------------------------------------------

  async people(passwordHash: string): Promise<void> {
    const rng = this.rng.fork("people");
    const org = DEMO_ORGS.find((o) => o.slug === this.slug);
    if (!org) throw new Error(`unknown demo organization ${this.slug}`);
    const salesTeam = rng.uuid();
    const supportTeam = rng.uuid();
    const domain = `@${this.slug}.test`;
    const emails = new Set<string>();
    const list: Staff[] = [];
    const add = (email: string, name: string, role: Role, joinedAt: number) => {
      emails.add(email);
      const teamId = role === "SALES_MANAGER" || role === "SALES_REP" ? salesTeam : role === "SUPPORT_MANAGER" || role === "SUPPORT_AGENT" ? supportTeam : null;
      list.push({ id: rng.uuid(), email, name, role, joinedAt, teamId });
    };
    const founded = this.tl.start - 30 * DAY;
    for (const u of DEMO_USERS.filter((d) => d.org === this.slug)) add(u.email, u.name, u.role, founded);
    // every role exists in every demo organization
    const generic: [string, Role][] = [["sales", "SALES_MANAGER"], ["support", "SUPPORT_MANAGER"], ["rep", "SALES_REP"], ["agent", "SUPPORT_AGENT"], ["crm", "CRM_MANAGER"]];
    for (const [local, role] of generic) {
      if (!list.some((s) => s.role === role)) add(`${local}${domain}`, `${rng.pick(FIRST)} ${rng.pick(LAST)}`, role, founded);
    }
    const extra = (role: Role, n: number) => {
      for (let i = 0; i < n; i++) {
        const first = rng.pick(FIRST);
        const last = rng.pick(LAST);
        let local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
        while (emails.has(`${local}${domain}`)) local += rng.int(0, 9);
        // staggered hiring: the team grows over the first two years
        const joinedAt = i === 0 ? founded : this.tl.start + Math.floor(rng.next() * 730) * DAY;
        add(`${local}${domain}`, `${first} ${last}`, role, joinedAt);
      }
    };
    extra("SALES_REP", this.size.extraReps);
    extra("SUPPORT_AGENT", this.size.extraAgents);

    await this.db.organization.create({ data: { id: this.orgId, name: org.name, slug: org.slug, currency: org.currency, createdAt: new Date(founded) } });
    await this.db.team.createMany({
      data: [
        { id: salesTeam, organizationId: this.orgId, name: "Sales", createdAt: new Date(founded) },
        { id: supportTeam, organizationId: this.orgId, name: "Support", createdAt: new Date(founded) },
      ],
    });
    await this.db.user.createMany({ data: list.map((s) => ({ id: s.id, email: s.email, name: s.name, passwordHash, createdAt: new Date(s.joinedAt) })) });
    await this.db.membership.createMany({
      data: list.map((s) => ({ id: rng.uuid(), organizationId: this.orgId, userId: s.id, role: s.role, teamId: s.teamId, createdAt: new Date(s.joinedAt) })),
    });
    this.counts.Organization = 1;
    this.counts.Team = 2;
    this.counts.User = list.length;
    this.counts.Membership = list.length;
    this.staff = list;
    this.reps = list.filter((s) => s.role === "SALES_REP");
    this.agents = list.filter((s) => s.role === "SUPPORT_AGENT");
    this.salesManager = list.find((s) => s.role === "SALES_MANAGER") as Staff;
    this.supportManager = list.find((s) => s.role === "SUPPORT_MANAGER") as Staff;
    this.crmManager = list.find((s) => s.role === "CRM_MANAGER") as Staff;
  }

  /** a staff member of the list employed at t (the first one always is). */
  employed(rng: Rng, list: Staff[], t: number): Staff {
    for (let i = 0; i < 8; i++) {
      const s = rng.pick(list);
      if (s.joinedAt <= t) return s;
    }
    return list[0] as Staff;
  }

  // --- configuration: stages, surveys, campaigns ----------------------------------------------------------------

  async configuration(): Promise<void> {
    const rng = this.rng.fork("config");
    const created = new Date(this.tl.start - 30 * DAY);
    const stages = STAGES.map((s) => ({ id: rng.uuid(), organizationId: this.orgId, name: s.name, position: s.position, probability: s.probability, kind: s.kind }));
    await this.db.pipelineStage.createMany({ data: stages });
    for (const s of stages) this.stageIds.push(s.id);
    this.counts.PipelineStage = stages.length;
    // the default lead-scoring model; the scores are computed in SQL once every lead is written (generateDemo)
    const scoring = this.rng.fork("scoring");
    await this.db.leadScoreWeight.createMany({
      data: DEFAULT_SCORING_WEIGHTS.map((w) => ({ id: scoring.uuid(), organizationId: this.orgId, ...w, createdAt: created, updatedAt: created })),
    });
    this.counts.LeadScoreWeight = DEFAULT_SCORING_WEIGHTS.length;

    const surveys = [
      { type: "NPS" as const, name: "Relationship NPS", question: "How likely are you to recommend Northwind to a friend or colleague? (0 = not at all likely, 10 = extremely likely)" },
      { type: "CSAT" as const, name: "Support satisfaction (CSAT)", question: "How satisfied are you with the support you received? (1 = very unsatisfied, 5 = very satisfied)" },
      { type: "CES" as const, name: "Customer effort (CES)", question: "How easy was it to get your issue resolved? (1 = very difficult, 7 = very easy)" },
    ].map((s) => ({ ...s, question: s.question.replace("Northwind", this.slug === "northwind" ? "Northwind" : "Contoso") }));
    const surveyRows = surveys.map((s) => ({ id: rng.uuid(), organizationId: this.orgId, type: s.type, name: s.name, question: s.question, publicToken: rng.hex(16), active: true, createdAt: created }));
    await this.db.survey.createMany({ data: surveyRows });
    for (const s of surveyRows) this.surveyIds[s.type] = s.id;
    this.counts.Survey = surveyRows.length;

    // one campaign per channel per quarter, plus the always-on nurture campaign
    const s = new Date(this.tl.start);
    this.quarter0 = s.getUTCFullYear() * 4 + Math.floor(s.getUTCMonth() / 3);
    const e = new Date(this.now);
    const lastQuarter = e.getUTCFullYear() * 4 + Math.floor(e.getUTCMonth() / 3);
    this.nurtureId = rng.uuid();
    this.campaigns.push({ id: this.nurtureId, channel: "email", start: this.tl.start, end: this.now, isNurture: true });
    for (let q = this.quarter0; q <= lastQuarter; q++) {
      const year = Math.floor(q / 4);
      const qs = Date.UTC(year, (q % 4) * 3, 1);
      const qe = Date.UTC(year, (q % 4) * 3 + 3, 1) - DAY;
      for (const c of CHANNELS) {
        const id = rng.uuid();
        this.campaignIds.set(`${c.channel}|${q - this.quarter0}`, id);
        this.campaigns.push({ id, channel: c.channel, start: Math.max(qs, this.tl.start), end: qe, isNurture: false });
      }
    }
    for (const c of this.campaigns) {
      const ch = CHANNELS.find((x) => x.channel === c.channel);
      const q = new Date(c.start);
      const name = c.isNurture ? "Nurture" : `${ch?.label ?? c.channel} ${q.getUTCFullYear()} Q${Math.floor(q.getUTCMonth() / 3) + 1}`;
      // budget and actual cost are set at the end from the leads each campaign actually produced
      await this.w.campaign.add({
        id: c.id, organizationId: this.orgId, name, channel: c.channel, budget: 0, actualCost: 0,
        startDate: iso(c.start), endDate: c.isNurture ? null : iso(c.end), isNurture: c.isNurture, createdAt: iso(c.start - 14 * DAY),
      });
    }
    await this.w.campaign.flush();
  }

  campaignFor(channel: string | null, t: number): string | null {
    if (!channel) return null;
    const d = new Date(t);
    const q = d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3) - this.quarter0;
    const id = this.campaignIds.get(`${channel}|${q}`) ?? null;
    if (id) this.campaignLeads.set(id, (this.campaignLeads.get(id) ?? 0) + 1);
    return id;
  }

  // --- names -----------------------------------------------------------------------------------------------------

  companyName(rng: Rng, unique: boolean): string {
    for (let i = 0; i < 20; i++) {
      const n = `${rng.pick(CO_A)} ${rng.pick(CO_B)}${rng.pick(CO_C)}`;
      if (!unique || !this.usedNames.has(n)) {
        if (unique) this.usedNames.add(n);
        return n;
      }
    }
    let n = "";
    do n = `${rng.pick(CO_A)} ${rng.pick(CO_B)} ${rng.int(2, 9999)}`;
    while (this.usedNames.has(n));
    this.usedNames.add(n);
    return n;
  }

  // --- accounts & contacts ---------------------------------------------------------------------------------------

  async accountsAndContacts(): Promise<void> {
    const rng = this.rng.fork("accounts");
    const { tl } = this;
    for (let i = 0; i < this.size.accounts; i++) {
      const segment = rng.weighted(SEGMENT_NAMES, SEGMENT_WEIGHTS);
      const seg = SEGMENTS[segment];
      const name = this.companyName(rng, true);
      const customer = rng.chance(0.72);
      const legacy = customer && rng.chance(0.2);
      const src = rng.weighted(SOURCES, SOURCES.map((s) => s.volume * s.conv));
      const a: Acc = {
        id: rng.uuid(), name, domain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.example`, segment,
        industry: rng.pick(INDUSTRIES), employees: Math.round(Math.exp(rng.float(Math.log(seg.emp[0]), Math.log(seg.emp[1])))),
        ownerId: "", createdAt: 0, customer, legacy, startDate: null, churnDate: null,
        baseAmount: money(rng.lognormal(seg.median, 0.5)), product: rng.weighted(PRODUCTS, [35, 25, 20, 12, 8]), contacts: [],
        cycleDays: 0, convDays: 0, source: src, campaignId: null, leadCreatedAt: 0, renewals: [],
      };
      if (legacy) {
        a.startDate = tl.start - Math.floor(rng.float(20, 3 * 365)) * DAY - rng.int(0, 23) * HOUR;
        a.createdAt = a.startDate - rng.int(20, 120) * DAY;
      } else if (customer) {
        // became a customer at startDate after a sales cycle; sales cycles get shorter over time
        for (let k = 0; k < 30; k++) {
          const start = tl.sample(rng, tl.start + 45 * DAY, tl.end - DAY);
          const cycleMedian = (78 - 28 * tl.frac(start)) * seg.cycle;
          a.cycleDays = clamp(rng.lognormal(cycleMedian, 0.45), 7, 400);
          a.convDays = clamp(rng.lognormal(9, 0.7), 0.5, 90);
          a.startDate = start;
          if (start - (a.cycleDays + a.convDays) * DAY >= tl.start || k === 29) break;
        }
        const start = a.startDate as number;
        a.leadCreatedAt = Math.max(tl.start, start - Math.round((a.cycleDays + a.convDays) * DAY));
        a.createdAt = Math.min(start, a.leadCreatedAt + Math.round(a.convDays * DAY));
        a.campaignId = rng.chance(0.9) ? this.campaignFor(src.channel, a.leadCreatedAt) : null;
      } else {
        a.createdAt = tl.sample(rng);
      }
      a.ownerId = this.employed(rng, this.reps, a.createdAt).id;
      if (a.startDate !== null) this.planRenewals(rng, a);
      this.accounts.push(a);

      const churned = a.churnDate !== null && a.churnDate <= this.now;
      await this.w.account.add({
        id: a.id, organizationId: this.orgId, name: a.name, segment, industry: rng.chance(0.94) ? a.industry : null,
        employees: rng.chance(0.9) ? a.employees : null, website: rng.chance(0.85) ? `https://www.${a.domain}` : null,
        status: churned ? "CHURNED" : customer ? "ACTIVE" : "PROSPECT",
        startDate: a.startDate !== null ? iso(a.startDate) : null, churnDate: churned ? iso(a.churnDate as number) : null,
        ownerId: a.ownerId, campaignId: a.campaignId, createdAt: iso(a.createdAt), updatedAt: iso(Math.max(a.createdAt, a.startDate ?? 0, churned ? (a.churnDate as number) : 0)),
      });
      await this.audit(rng, a.ownerId, "create", "Account", a.id, a.createdAt, { name: a.name });

      // contacts: customers have more of them; many opted in to the newsletter
      const nContacts = customer ? rng.int(2, a.segment === "Enterprise" ? 6 : 4) : rng.int(1, 2);
      for (let c = 0; c < nContacts; c++) {
        const first = rng.pick(FIRST);
        const last = rng.pick(LAST);
        const id = rng.uuid();
        a.contacts.push(id);
        const created = Math.min(this.now - HOUR, a.createdAt + Math.floor(rng.exponential(20) * DAY));
        const optIn = rng.chance(0.55) ? created + Math.floor(rng.exponential(40) * DAY) : null;
        await this.w.contact.add({
          id, organizationId: this.orgId, accountId: a.id, firstName: first, lastName: last,
          email: rng.chance(0.95) ? `${first}.${last}${c === 0 ? "" : rng.int(1, 99)}@${a.domain}`.toLowerCase() : null,
          phone: rng.chance(0.7) ? `+1-555-${rng.int(100, 999)}-${rng.int(1000, 9999)}` : null,
          title: rng.chance(0.8) ? rng.pick(TITLES) : null,
          emailOptInAt: optIn !== null && optIn < this.now ? iso(optIn) : null,
          ownerId: a.ownerId, createdAt: iso(created), updatedAt: iso(created),
        });
      }
    }
    this.customers = this.accounts.filter((a) => a.startDate !== null).sort((x, y) => (x.startDate as number) - (y.startDate as number));
    this.customerStarts = Float64Array.from(this.customers.map((a) => a.startDate as number));
  }

  /** yearly renewals at each anniversary inside the history; not renewing = churn. Retention improves over time. */
  planRenewals(rng: Rng, a: Acc): void {
    const seg = SEGMENTS[a.segment];
    for (let k = 1; k < 10; k++) {
      const at = addYears(a.startDate as number, k);
      if (at > this.now - DAY) break;
      if (at < this.tl.start) continue;
      const pChurn = seg.churn * (1.25 - 0.5 * this.tl.frac(at));
      if (rng.chance(pChurn)) {
        a.renewals.push({ at, won: false, k });
        a.churnDate = Math.min(this.now - HOUR, at + rng.int(0, 14) * DAY);
        break;
      }
      a.renewals.push({ at, won: true, k });
    }
  }

  /** an account that is a customer at t (or null). */
  activeCustomerAt(rng: Rng, t: number): Acc | null {
    let lo = 0;
    let hi = this.customerStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.customerStarts[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    for (let i = 0; i < 8; i++) {
      const a = this.customers[rng.int(0, lo - 1)] as Acc;
      if (a.churnDate === null || a.churnDate > t) return a;
    }
    return null;
  }

  // --- audit -----------------------------------------------------------------------------------------------------

  async audit(rng: Rng, actorId: string | null, action: "create" | "update", entityType: string, entityId: string, at: number, changes: Row | null): Promise<void> {
    if (!rng.chance(this.size.auditRate)) return;
    await this.w.audit.add({
      id: rng.uuid(), organizationId: this.orgId, actorId, action, entityType, entityId, changes, createdAt: iso(Math.min(at + rng.int(0, 300) * 1000, this.now)),
    });
  }

  // --- leads -----------------------------------------------------------------------------------------------------

  async lead(
    rng: Rng,
    p: { createdAt: number; status: "NEW" | "CONTACTED" | "QUALIFIED" | "NURTURE" | "CONVERTED" | "LOST"; source: (typeof SOURCES)[number]; campaignId: string | null; ownerId: string; company: string; domain: string; industry: string; employees: number; accountId: string | null; convertedAt: number | null; lostAt: number | null },
  ): Promise<string> {
    const id = rng.uuid();
    const hot = p.status === "CONVERTED" ? 2.2 : p.status === "QUALIFIED" ? 1.6 : p.status === "LOST" ? 0.6 : 1;
    const visits = rng.poisson(3 * hot);
    const forms = rng.poisson(0.6 * hot);
    const downloads = rng.poisson(0.5 * hot);
    const opens = rng.poisson(4 * hot);
    const replies = rng.poisson(0.4 * hot);
    const title = rng.chance(0.85) ? rng.pick(TITLES) : null;
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const updated = Math.max(p.createdAt, p.convertedAt ?? 0, p.lostAt ?? 0);
    await this.w.lead.add({
      id, organizationId: this.orgId, firstName: first, lastName: last,
      email: rng.chance(0.93) ? `${first}.${last}@${p.domain}`.toLowerCase() : null,
      company: p.company, title, industry: rng.chance(0.85) ? p.industry : null, employees: rng.chance(0.75) ? p.employees : null,
      source: p.source.source, campaignId: p.status === "NURTURE" ? this.nurtureId : p.campaignId, status: p.status, score: 0, ownerId: p.ownerId,
      websiteVisits: visits, formSubmits: forms, downloads, emailOpens: opens, emailReplies: replies, accountId: p.accountId,
      createdAt: iso(p.createdAt), convertedAt: p.convertedAt !== null ? iso(p.convertedAt) : null, lostAt: p.lostAt !== null ? iso(p.lostAt) : null, updatedAt: iso(updated),
    });
    this.leadSeq++;
    await this.audit(rng, p.ownerId, "create", "Lead", id, p.createdAt, { source: p.source.source });
    // calls and emails while the lead is worked
    const end = p.convertedAt ?? p.lostAt ?? this.now;
    const n = rng.poisson((p.status === "CONVERTED" ? 2.4 : p.status === "NEW" ? 0.2 : 0.9) * this.size.activityScale);
    for (let i = 0; i < n; i++) {
      const t = p.createdAt + rng.next() * Math.max(HOUR, end - p.createdAt);
      if (t > this.now) continue;
      const type = rng.weighted(["CALL", "EMAIL", "FOLLOW_UP"] as const, [45, 40, 15]);
      await this.activity(rng, { type, subject: type === "CALL" ? `Intro call with ${first}` : type === "EMAIL" ? `Email to ${first} ${last}` : `Follow up with ${first}`, ownerId: p.ownerId, leadId: id, dealId: null, accountId: p.accountId, at: t, done: true });
    }
    return id;
  }

  async activity(rng: Rng, p: { type: "CALL" | "EMAIL" | "MEETING" | "FOLLOW_UP" | "TASK"; subject: string; ownerId: string; leadId: string | null; dealId: string | null; accountId: string | null; ticketId?: string | null; at: number; done: boolean; dueAt?: number }): Promise<void> {
    const due = p.dueAt ?? (p.type === "FOLLOW_UP" || p.type === "TASK" || p.type === "MEETING" ? p.at : null);
    const created = Math.min(this.now, due !== null ? Math.min(p.at, due - rng.int(1, 72) * HOUR) : p.at);
    const doneAt = p.done ? Math.min(this.now, p.at + rng.int(0, 120) * MIN) : null;
    await this.w.activity.add({
      id: rng.uuid(), organizationId: this.orgId, type: p.type, subject: p.subject, notes: rng.chance(0.3) ? "Discussed needs, next steps agreed." : null,
      ownerId: p.ownerId, leadId: p.leadId, dealId: p.dealId, accountId: p.accountId, ticketId: p.ticketId ?? null,
      dueAt: due !== null ? iso(due) : null, doneAt: doneAt !== null ? iso(doneAt) : null,
      createdAt: iso(created), updatedAt: iso(Math.max(created, doneAt ?? 0)),
    });
  }

  // --- deals -----------------------------------------------------------------------------------------------------

  /**
   * One deal with its stage history. `path` = stage indexes visited in order (last = current stage);
   * stage changes are spread between openedAt and closedAt (or now for open deals).
   */
  async deal(
    rng: Rng,
    p: { type: "NEW" | "RENEWAL" | "CROSS_SELL"; name: string; account: Acc | null; leadId: string | null; ownerId: string; path: number[]; openedAt: number; closedAt: number | null; amount: number; product: string; isReferral: boolean; campaignId: string | null; lostReason?: string },
  ): Promise<string> {
    const id = rng.uuid();
    const last = p.path[p.path.length - 1] as number;
    const status = last === WON ? "WON" : last === LOST ? "LOST" : "OPEN";
    const end = p.closedAt ?? this.now;
    // time of each change: openedAt for the first, closedAt for a closing one, the rest by stage shares
    const times: number[] = [p.openedAt];
    const openSteps = p.path.slice(0, status === "OPEN" ? p.path.length : p.path.length - 1);
    // open deals sit in their current stage for a while; Needs Analysis is where they get stuck
    const sitting = status === "OPEN" ? (last === 2 ? rng.float(0.45, 0.8) : rng.float(0.15, 0.45)) : 0;
    const span = (end - p.openedAt) * (1 - sitting);
    const weights = openSteps.map((s) => (STAGE_SHARE[s] ?? 0.2) * rng.float(0.6, 1.4));
    const total = status === "OPEN" ? weights.slice(0, -1).reduce((x, y) => x + y, 0) || 1 : weights.reduce((x, y) => x + y, 0) || 1;
    let t = p.openedAt;
    for (let i = 1; i < p.path.length; i++) {
      if (status !== "OPEN" && i === p.path.length - 1) t = end;
      else t = Math.min(end, t + (span * (weights[i - 1] ?? 0)) / total);
      times.push(Math.floor(t));
    }
    // strictly increasing change times (the closing change stays exactly at closedAt)
    for (let i = times.length - 2; i >= 1; i--) times[i] = Math.min(times[i] as number, (times[i + 1] as number) - MIN);
    const engagedAt = Math.min(times[1] ?? end, p.openedAt + Math.floor(rng.float(0.05, 0.6) * ((times[1] ?? end) - p.openedAt)));
    const amount = money(p.amount);
    await this.w.deal.add({
      id, organizationId: this.orgId, name: p.name, accountId: p.account?.id ?? null, leadId: p.leadId, ownerId: p.ownerId,
      stageId: this.stageIds[last], status, type: p.type, product: p.product, amount, cost: money(amount * rng.float(0.22, 0.45)),
      isReferral: p.isReferral, campaignId: p.campaignId, openedAt: iso(p.openedAt), engagedAt: rng.chance(0.92) ? iso(engagedAt) : null,
      expectedCloseAt: iso(status === "OPEN" ? this.now + rng.int(7, 75) * DAY : (p.closedAt as number) + rng.int(-20, 20) * DAY),
      closedAt: p.closedAt !== null ? iso(p.closedAt) : null, lostReason: status === "LOST" ? (p.lostReason ?? rng.pick(LOST_REASONS)) : null,
      createdAt: iso(p.openedAt), updatedAt: iso(times[times.length - 1] as number),
    });
    this.dealSeq++;
    await this.audit(rng, p.ownerId, "create", "Deal", id, p.openedAt, { name: p.name, amount });
    for (let i = 0; i < p.path.length; i++) {
      const from = i === 0 ? null : (this.stageIds[p.path[i - 1] as number] as string);
      const to = this.stageIds[p.path[i] as number] as string;
      await this.w.stageChange.add({ id: rng.uuid(), organizationId: this.orgId, dealId: id, fromStageId: from, toStageId: to, changedAt: iso(times[i] as number), changedById: p.ownerId });
      if (i > 0) await this.audit(rng, p.ownerId, "update", "Deal", id, times[i] as number, { stageId: { from, to } });
    }
    // meetings, calls, follow-ups during the deal
    const n = rng.poisson((status === "OPEN" ? 1.5 : 2.2) * this.size.activityScale);
    for (let i = 0; i < n; i++) {
      const at = p.openedAt + rng.next() * Math.max(HOUR, end - p.openedAt);
      const type = rng.weighted(["MEETING", "CALL", "EMAIL", "FOLLOW_UP"] as const, [30, 30, 25, 15]);
      await this.activity(rng, { type, subject: `${type === "MEETING" ? "Meeting" : type === "CALL" ? "Call" : type === "EMAIL" ? "Email" : "Follow-up"}: ${p.name}`, ownerId: p.ownerId, leadId: p.leadId, dealId: id, accountId: p.account?.id ?? null, at: Math.min(at, this.now), done: true });
    }
    // open deals: a pending follow-up for most (two in three in Needs Analysis), some overdue
    if (status === "OPEN" && rng.chance(last === 2 ? 0.66 : 0.85)) {
      const due = this.now + rng.int(-10, 12) * DAY + rng.int(8, 17) * HOUR;
      await this.activity(rng, { type: "FOLLOW_UP", subject: `Follow up: ${p.name}`, ownerId: p.ownerId, leadId: p.leadId, dealId: id, accountId: p.account?.id ?? null, at: Math.min(due, this.now), dueAt: due, done: false });
    }
    if (status === "WON" && p.account) {
      await this.w.purchase.add({
        id: rng.uuid(), organizationId: this.orgId, accountId: p.account.id, dealId: id, invoiceNumber: `INV-${this.slug.slice(0, 2).toUpperCase()}-${String(this.dealSeq).padStart(7, "0")}`,
        product: p.product, purchasedAt: iso(Math.min(this.now, (p.closedAt as number) + rng.int(0, 5) * DAY)), amount, cost: money(amount * rng.float(0.2, 0.4)),
        isRenewal: p.type === "RENEWAL", createdAt: iso(p.closedAt as number),
      });
    }
    return id;
  }

  /** lead for a NEW deal (most deals come from a lead; some are sourced directly by the rep). */
  async leadForDeal(rng: Rng, p: { createdAt: number; convertedAt: number; source: (typeof SOURCES)[number]; campaignId: string | null; ownerId: string; account: Acc | null; company: string; domain: string; segment: Segment }): Promise<string | null> {
    if (!rng.chance(0.88)) return null;
    const seg = SEGMENTS[p.segment];
    return this.lead(rng, {
      createdAt: p.createdAt, status: "CONVERTED", source: p.source, campaignId: p.campaignId, ownerId: p.ownerId, company: p.company, domain: p.domain,
      industry: p.account?.industry ?? rng.pick(INDUSTRIES), employees: p.account?.employees ?? rng.int(seg.emp[0], seg.emp[1]), accountId: p.account?.id ?? null,
      convertedAt: p.convertedAt, lostAt: null,
    });
  }

  async deals(): Promise<void> {
    const rng = this.rng.fork("deals");
    const { tl } = this;
    const prospects = this.accounts.filter((a) => !a.customer);
    let renewalsAndCross = 0;

    // 1. won NEW deals: how every non-legacy customer became one
    for (const a of this.customers) {
      if (a.legacy) continue;
      const start = a.startDate as number;
      const openedAt = Math.max(a.leadCreatedAt, start - Math.round(a.cycleDays * DAY));
      const leadId = await this.leadForDeal(rng, { createdAt: a.leadCreatedAt, convertedAt: openedAt, source: a.source, campaignId: a.campaignId, ownerId: a.ownerId, account: a, company: a.name, domain: a.domain, segment: a.segment });
      await this.deal(rng, { type: "NEW", name: `${a.name} - ${a.product}`, account: a, leadId, ownerId: a.ownerId, path: [0, 1, 2, 3, 4, WON], openedAt, closedAt: start, amount: a.baseAmount, product: a.product, isReferral: a.source.source === "referral", campaignId: leadId ? a.campaignId : null });
    }
    this.progress(`${this.slug}: won deals done`);

    // 2. renewals (won, or lost = churn) and cross-sells
    for (const a of this.customers) {
      for (const r of a.renewals) {
        const openedAt = r.at - Math.round(rng.lognormal(30, 0.4) * DAY);
        if (openedAt < tl.start) continue;
        const closedAt = r.won ? Math.min(this.now - HOUR, r.at + rng.int(-5, 10) * DAY) : (a.churnDate as number);
        const amount = a.baseAmount * Math.pow(rng.float(1.0, 1.12), r.k);
        const year = new Date(r.at).getUTCFullYear();
        await this.deal(rng, { type: "RENEWAL", name: `${a.name} - renewal ${year}`, account: a, leadId: null, ownerId: a.ownerId, path: r.won ? [3, 4, WON] : rng.chance(0.5) ? [3, LOST] : [3, 4, LOST], openedAt, closedAt: Math.max(openedAt + DAY, closedAt), amount, product: a.product, isReferral: false, campaignId: null, lostReason: rng.pick(CHURN_REASONS) });
        renewalsAndCross++;
      }
      // cross-sell: more likely for longer-tenured, larger customers
      const until = Math.min(a.churnDate ?? this.now, this.now);
      const from = Math.max(tl.start, (a.startDate as number) + 60 * DAY);
      const nCross = until - from > 90 * DAY ? rng.poisson(a.segment === "Enterprise" ? 0.9 : a.segment === "Mid-market" ? 0.5 : 0.25) : 0;
      for (let i = 0; i < nCross; i++) {
        const openedAt = from + Math.floor(rng.next() * (until - from - 10 * DAY));
        const closedAt = openedAt + Math.round(rng.lognormal(28, 0.5) * DAY);
        const product = rng.pick(ADDONS);
        const open = closedAt >= this.now;
        const won = rng.chance(0.62);
        await this.deal(rng, { type: "CROSS_SELL", name: `${a.name} - ${product}`, account: a, leadId: null, ownerId: a.ownerId, path: open ? [1, rng.pick([2, 3, 4])] : won ? [1, 3, 4, WON] : [1, 3, LOST], openedAt, closedAt: open ? null : closedAt, amount: a.baseAmount * rng.float(0.15, 0.4), product, isReferral: false, campaignId: null });
        renewalsAndCross++;
      }
    }
    this.progress(`${this.slug}: renewals and cross-sells done`);

    // 3. open NEW deals sitting in the pipeline (Needs Analysis is the visible bottleneck)
    const wonNew = this.customers.filter((a) => !a.legacy).length;
    const nOpen = Math.max(3, Math.round(this.size.deals * 0.08));
    const nLost = Math.max(Math.round(this.size.deals * 0.25), this.size.deals - wonNew - renewalsAndCross - nOpen);
    const dealAccount = (): { account: Acc | null; company: string; domain: string; segment: Segment; industry: string } => {
      if (prospects.length > 0 && rng.chance(0.5)) {
        const a = rng.pick(prospects);
        return { account: a, company: a.name, domain: a.domain, segment: a.segment, industry: a.industry };
      }
      const company = this.companyName(rng, false);
      return { account: null, company, domain: `${company.toLowerCase().replace(/[^a-z0-9]+/g, "")}.example`, segment: rng.weighted(SEGMENT_NAMES, SEGMENT_WEIGHTS), industry: rng.pick(INDUSTRIES) };
    };
    for (let i = 0; i < nOpen; i++) {
      const d = dealAccount();
      const stage = rng.weighted([0, 1, 2, 3, 4], [12, 15, 45, 16, 12]);
      const age = clamp(rng.lognormal(stage === 2 ? 55 : 30, 0.6), 2, 300) * DAY;
      const openedAt = Math.floor(this.now - age);
      const src = rng.weighted(SOURCES, SOURCES.map((s) => s.volume * s.conv));
      const createdAt = Math.max(tl.start, openedAt - Math.round(rng.lognormal(9, 0.7) * DAY));
      const campaignId = rng.chance(0.9) ? this.campaignFor(src.channel, createdAt) : null;
      const ownerId = d.account?.ownerId ?? this.employed(rng, this.reps, openedAt).id;
      const leadId = await this.leadForDeal(rng, { createdAt, convertedAt: openedAt, source: src, campaignId, ownerId, account: d.account, company: d.company, domain: d.domain, segment: d.segment });
      const product = rng.weighted(PRODUCTS, [35, 25, 20, 12, 8]);
      await this.deal(rng, { type: "NEW", name: `${d.company} - ${product}`, account: d.account, leadId, ownerId, path: Array.from({ length: stage + 1 }, (_, k) => k), openedAt, closedAt: null, amount: rng.lognormal(SEGMENTS[d.segment].median, 0.5), product, isReferral: src.source === "referral", campaignId: leadId ? campaignId : null });
    }

    // 4. lost NEW deals across the whole history (win rate improves a little over time)
    for (let i = 0; i < nLost; i++) {
      const d = dealAccount();
      let openedAt = 0;
      let closedAt = 0;
      for (let k = 0; k < 10; k++) {
        openedAt = tl.sample(rng, tl.start + 10 * DAY, this.now - 5 * DAY);
        closedAt = openedAt + Math.round(clamp(rng.lognormal(38 - 10 * tl.frac(openedAt), 0.55), 2, 300) * DAY);
        if (closedAt < this.now) break;
      }
      closedAt = Math.min(closedAt, this.now - HOUR);
      const lastStage = rng.weighted([0, 1, 2, 3, 4], [18, 24, 34, 14, 10]);
      const src = rng.weighted(SOURCES, SOURCES.map((s) => s.volume));
      const createdAt = Math.max(tl.start, openedAt - Math.round(rng.lognormal(9, 0.7) * DAY));
      const campaignId = rng.chance(0.9) ? this.campaignFor(src.channel, createdAt) : null;
      const ownerId = d.account?.ownerId ?? this.employed(rng, this.reps, openedAt).id;
      const leadId = await this.leadForDeal(rng, { createdAt, convertedAt: openedAt, source: src, campaignId, ownerId, account: d.account, company: d.company, domain: d.domain, segment: d.segment });
      const product = rng.weighted(PRODUCTS, [35, 25, 20, 12, 8]);
      const path = Array.from({ length: lastStage + 1 }, (_, k) => k);
      path.push(LOST);
      await this.deal(rng, { type: "NEW", name: `${d.company} - ${product}`, account: d.account, leadId, ownerId, path, openedAt, closedAt, amount: rng.lognormal(SEGMENTS[d.segment].median, 0.55), product, isReferral: src.source === "referral", campaignId: leadId ? campaignId : null });
    }
    this.progress(`${this.slug}: ${this.dealSeq.toLocaleString("en-US")} deals done`);

    // 5. extra invoices (add-ons, usage) during each customer's tenure
    for (const a of this.customers) {
      const from = Math.max(tl.start, a.startDate as number);
      const until = Math.min(a.churnDate ?? this.now, this.now);
      const years = (until - from) / (365 * DAY);
      const n = rng.poisson(Math.max(0, years) * (a.segment === "Enterprise" ? 3 : 1.5));
      for (let i = 0; i < n; i++) {
        const at = from + Math.floor(rng.next() * (until - from));
        const amount = money(a.baseAmount * rng.float(0.03, 0.15));
        await this.w.purchase.add({
          id: rng.uuid(), organizationId: this.orgId, accountId: a.id, dealId: null, invoiceNumber: `INV-${this.slug.slice(0, 2).toUpperCase()}-A${String(i).padStart(2, "0")}${rng.hex(3)}`,
          product: rng.pick(ADDONS), purchasedAt: iso(at), amount, cost: money(amount * rng.float(0.3, 0.6)), isRenewal: false, createdAt: iso(at),
        });
      }
    }
  }

  /** leads that did not (yet) turn into a deal: lost, nurtured, or still being worked. */
  async otherLeads(): Promise<void> {
    const rng = this.rng.fork("leads");
    const { tl } = this;
    const n = Math.max(0, this.size.leads - this.leadSeq);
    for (let i = 0; i < n; i++) {
      const createdAt = tl.sample(rng, tl.start, this.now, true);
      const age = (this.now - createdAt) / DAY;
      const src = rng.weighted(SOURCES, SOURCES.map((s) => s.volume));
      const campaignId = rng.chance(0.9) ? this.campaignFor(src.channel, createdAt) : null;
      const segment = rng.weighted(SEGMENT_NAMES, SEGMENT_WEIGHTS);
      const seg = SEGMENTS[segment];
      const company = this.companyName(rng, false);
      let status: "NEW" | "CONTACTED" | "QUALIFIED" | "NURTURE" | "LOST";
      let lostAt: number | null = null;
      const lostAfter = clamp(rng.lognormal(21, 0.8), 1, 200);
      if (age > lostAfter && rng.chance(0.8)) {
        status = "LOST";
        lostAt = createdAt + Math.round(lostAfter * DAY);
      } else if (age > 60) status = "NURTURE";
      else status = age < 5 ? "NEW" : rng.chance(0.6) ? "CONTACTED" : "QUALIFIED";
      await this.lead(rng, {
        createdAt, status, source: src, campaignId, ownerId: this.employed(rng, this.reps, createdAt).id, company,
        domain: `${company.toLowerCase().replace(/[^a-z0-9]+/g, "")}.example`, industry: rng.pick(INDUSTRIES),
        employees: Math.round(Math.exp(rng.float(Math.log(seg.emp[0]), Math.log(seg.emp[1])))), accountId: null, convertedAt: null, lostAt,
      });
    }
  }

  // --- support ---------------------------------------------------------------------------------------------------

  async tickets(): Promise<{ csat: number; ces: number }> {
    const rng = this.rng.fork("tickets");
    const { tl } = this;
    const target = this.size.responses;
    // CSAT and CES come from resolved tickets (about 65% of all answers); NPS fills up the rest
    const pCsat = Math.min(0.9, (target * 0.45) / Math.max(1, this.size.tickets * 0.97));
    const pCes = Math.min(0.9, (target * 0.2) / Math.max(1, this.size.tickets * 0.97));
    let csat = 0;
    let ces = 0;
    const channels = ["EMAIL", "CHAT", "PHONE", "WEB", "SOCIAL"] as const;
    const respMedianMin: Record<(typeof channels)[number], number> = { EMAIL: 170, CHAT: 4, PHONE: 2, WEB: 220, SOCIAL: 80 };
    const priorities = ["LOW", "MEDIUM", "HIGH", "URGENT"] as const;
    const prioFactor: Record<(typeof priorities)[number], number> = { LOW: 1.6, MEDIUM: 1, HIGH: 0.6, URGENT: 0.3 };
    for (let i = 0; i < this.size.tickets; i++) {
      const openedAt = tl.sample(rng, tl.start, this.now, true);
      const f = tl.frac(openedAt);
      const acc = this.activeCustomerAt(rng, openedAt);
      const contactId = acc && acc.contacts.length > 0 && rng.chance(0.9) ? rng.pick(acc.contacts) : null;
      const channel = rng.weighted(channels, [35, 25, 20, 15, 5]);
      const priority = rng.weighted(priorities, [30, 45, 20, 5]);
      const category = rng.weighted(CATEGORY_NAMES, CATEGORY_WEIGHTS);
      const cat = TICKET_CATEGORIES[category] as (typeof TICKET_CATEGORIES)[string];
      const assignee = rng.chance(0.05) ? this.supportManager : this.employed(rng, this.agents, openedAt);
      // support gets faster over time
      const firstResponseAt = openedAt + Math.max(MIN / 2, rng.lognormal(respMedianMin[channel] * prioFactor[priority] * (1.25 - 0.45 * f), 0.9) * MIN);
      const fcr = rng.chance(0.64 + 0.12 * f);
      const resHours = rng.lognormal(20 * prioFactor[priority] * cat.res * (1.2 - 0.35 * f) * (fcr ? 0.35 : 1), 1.0);
      let resolvedAt: number | null = Math.floor(firstResponseAt + resHours * HOUR);
      const stuck = rng.chance(0.004); // a few old tickets never get resolved
      // recent tickets: some still wait for the customer or the agent (the current backlog)
      const waiting = this.now - openedAt < 10 * DAY && rng.chance(0.3);
      if (stuck || waiting || resolvedAt > this.now) resolvedAt = null;
      const responded = firstResponseAt <= this.now;
      const reopen = resolvedAt !== null ? rng.weighted([0, 1, 2], [93, 6, 1]) : 0;
      const contactCount = resolvedAt !== null ? (fcr && reopen === 0 ? 1 : rng.int(2, 5)) : responded ? rng.int(1, 3) : 0;
      const status = resolvedAt !== null ? (this.now - resolvedAt > 7 * DAY ? "CLOSED" : "RESOLVED") : responded && rng.chance(0.5) ? "PENDING" : "OPEN";
      const id = rng.uuid();
      this.ticketSeq++;
      await this.w.ticket.add({
        id, organizationId: this.orgId, subject: `${rng.pick(cat.subjects)}`, accountId: acc?.id ?? null, contactId, assigneeId: assignee.id,
        channel, priority, category: rng.chance(0.97) ? category : null, status, openedAt: iso(openedAt),
        firstResponseAt: responded ? iso(Math.floor(firstResponseAt)) : null, resolvedAt: resolvedAt !== null ? iso(resolvedAt) : null,
        reopenCount: reopen, contactCount, createdAt: iso(openedAt), updatedAt: iso(resolvedAt ?? (responded ? Math.floor(firstResponseAt) : openedAt)),
      });
      await this.audit(rng, assignee.id, "create", "Ticket", id, openedAt, { channel, priority });
      if (resolvedAt !== null) await this.audit(rng, assignee.id, "update", "Ticket", id, resolvedAt, { status: { from: "OPEN", to: "RESOLVED" } });
      if (resolvedAt === null && assignee.role === "SUPPORT_AGENT") {
        const list = this.openTicketsByAgent.get(assignee.id) ?? [];
        if (list.length < 6) list.push(id);
        this.openTicketsByAgent.set(assignee.id, list);
      }
      if (resolvedAt === null) continue;
      // satisfaction after resolution: better when fast, first-contact and not reopened
      const slow = resHours > 72 ? 1 : 0;
      const quality = 0.72 + (contactCount === 1 ? 0.1 : -0.05) - 0.15 * reopen - 0.12 * slow + 0.08 * f;
      for (const [type, p] of [["CSAT", pCsat], ["CES", pCes]] as const) {
        if (!rng.chance(p)) continue;
        const at = resolvedAt + Math.round(rng.lognormal(6, 1.0) * HOUR);
        if (at > this.now) continue;
        let score: number;
        if (type === "CSAT") {
          score = rng.chance(clamp(quality, 0.05, 0.97)) ? rng.weighted([5, 4], [60, 40]) : rng.weighted([3, 2, 1], [45, 30, 25]);
          csat++;
        } else {
          score = rng.chance(clamp(quality, 0.05, 0.97)) ? rng.weighted([7, 6, 5], [40, 40, 20]) : rng.weighted([5, 4, 3, 2, 1], [20, 30, 25, 15, 10]);
          ces++;
        }
        await this.response(rng, type, score, at, acc?.id ?? null, contactId, id);
      }
    }
    return { csat, ces };
  }

  async response(rng: Rng, type: "NPS" | "CSAT" | "CES", score: number, at: number, accountId: string | null, contactId: string | null, ticketId: string | null): Promise<void> {
    const good = type === "NPS" ? score >= 9 : type === "CSAT" ? score >= 4 : score >= 5;
    const bad = type === "NPS" ? score <= 6 : type === "CSAT" ? score <= 2 : score <= 3;
    const comment = rng.chance(0.25)
      ? good ? rng.pick(["Great support, thank you!", "Quick and helpful.", "Love the dashboards.", "Very responsive team."])
        : bad ? rng.pick(["Took too long to resolve.", "Had to explain the issue several times.", "Pricing is hard to justify.", "Reports are often slow."])
          : rng.pick(["OK overall.", "Fine, some room for improvement.", "Does the job."])
      : null;
    await this.w.response.add({
      id: rng.uuid(), organizationId: this.orgId, surveyId: this.surveyIds[type], type, score, comment, respondedAt: iso(at),
      accountId, contactId, ticketId, token: rng.chance(0.5) ? rng.hex(12) : null,
    });
  }

  async npsResponses(n: number): Promise<void> {
    const rng = this.rng.fork("nps");
    const { tl } = this;
    for (let i = 0; i < n; i++) {
      const at = tl.sample(rng, tl.start, this.now, true);
      const f = tl.frac(at);
      const acc = this.activeCustomerAt(rng, at);
      const pPromoter = 0.4 + 0.16 * f;
      const pDetractor = 0.24 - 0.1 * f;
      const r = rng.next();
      const score = r < pPromoter ? rng.weighted([9, 10], [45, 55]) : r < 1 - pDetractor ? rng.weighted([7, 8], [45, 55]) : rng.weighted([0, 1, 2, 3, 4, 5, 6], [2, 1, 2, 3, 5, 10, 14]);
      await this.response(rng, "NPS", score, at, acc?.id ?? null, acc && acc.contacts.length > 0 ? rng.pick(acc.contacts) : null, null);
    }
  }

  // --- costs, campaign spend --------------------------------------------------------------------------------------

  async costs(): Promise<void> {
    const rng = this.rng.fork("costs");
    const { tl } = this;
    // new customers per month, to keep CAC in a believable range (and slowly improving)
    const first = new Date(tl.start);
    const months: { start: number; end: number; newCustomers: number }[] = [];
    for (let k = 0; ; k++) {
      const start = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + k, 1);
      if (start > this.now) break;
      months.push({ start, end: Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + k + 1, 1) - 1, newCustomers: 0 });
    }
    for (const a of this.customers) {
      if (a.legacy) continue;
      const s = a.startDate as number;
      const d = new Date(s);
      const k = (d.getUTCFullYear() - first.getUTCFullYear()) * 12 + d.getUTCMonth() - first.getUTCMonth();
      const m = months[k];
      if (m) m.newCustomers++;
    }
    for (let k = 0; k < months.length; k++) {
      const m = months[k] as (typeof months)[number];
      const around = [months[k - 1], m, months[k + 1]].filter((x): x is (typeof months)[number] => !!x);
      const smooth = around.reduce((s, x) => s + x.newCustomers, 0) / around.length;
      const f = tl.frac(m.start);
      const cac = 9500 - 3000 * f;
      // the current month is only partly over
      const part = Math.min(1, (this.now - m.start) / (m.end - m.start));
      const total = Math.max(1, smooth + 0.5) * cac * rng.normal(1, 0.08) * part;
      const rows: [string, string, number][] = [
        ["MARKETING", "Programs & media", 0.3],
        ["MARKETING", "Marketing staff & tools", 0.15],
        ["SALES", "Salaries & commissions", 0.47],
        ["SALES", "Sales tools", 0.08],
      ];
      for (const [kind, category, share] of rows) {
        await this.w.cost.add({
          id: rng.uuid(), organizationId: this.orgId, kind, category, amount: money(total * share * rng.normal(1, 0.05)),
          periodStart: iso(m.start), periodEnd: iso(m.end), campaignId: null, note: null, createdAt: iso(Math.min(this.now, m.end + 1)),
        });
      }
    }
    await this.w.cost.flush();
    // campaign budget / actual cost from the leads each campaign brought in
    await this.w.campaign.flush();
    await this.w.lead.flush();
    const updates: Row[] = [];
    for (const c of this.campaigns) {
      const ch = CHANNELS.find((x) => x.channel === c.channel);
      const leads = this.campaignLeads.get(c.id) ?? 0;
      const running = c.isNurture ? 1 : Math.min(1, Math.max(0, (this.now - c.start) / Math.max(DAY, c.end - c.start)));
      const actual = c.isNurture ? 400 * ((this.now - c.start) / (30 * DAY)) * rng.float(0.9, 1.1) : leads * (ch?.cpl ?? 50) * rng.normal(1, 0.12) + 500;
      const budget = Math.round((c.isNurture ? actual : actual / Math.max(0.05, running)) * rng.float(0.9, 1.2) / 100) * 100;
      updates.push({ id: c.id, budget: money(budget), actualCost: money(Math.max(0, actual)) });
    }
    await this.db.$executeRawUnsafe(
      `UPDATE "Campaign" c SET "budget" = v."budget", "actualCost" = v."actualCost" FROM json_populate_recordset(NULL::"Campaign", $1::json) v WHERE c."id" = v."id"`,
      JSON.stringify(updates),
    );
  }

  // --- goals: the PRODUCT.md examples, so the goal pages and the "goals at risk" flags have something to show -------

  async goals(): Promise<void> {
    if (this.slug !== "northwind") return;
    const rng = this.rng.fork("goals");
    const n = new Date(this.now);
    const day = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m, d));
    const quarter = Math.floor(n.getUTCMonth() / 3) * 3;
    const [y, m] = [n.getUTCFullYear(), n.getUTCMonth()];
    const at = new Date(this.now);
    const salesTeam = this.salesManager.teamId;
    const supportTeam = this.supportManager.teamId;
    const goal = (g: Omit<Prisma.GoalCreateManyInput, "id" | "organizationId" | "createdAt" | "updatedAt">): Prisma.GoalCreateManyInput => ({
      id: rng.uuid(), organizationId: this.orgId, createdAt: at, updatedAt: at, ...g,
    });
    const rows = [
      goal({
        kpiId: "churn_rate", title: "Reduce churn by 25% by the end of next quarter", ownerUserId: this.crmManager.id, createdById: this.crmManager.id,
        startDate: day(y, quarter), deadline: day(y, quarter + 6, 0), targetType: "RELATIVE", targetValue: -25, cadence: "QUARTERLY",
        actionPlan: "Health-score every account monthly; call every at-risk account 60 days before renewal.", whyItMatters: "Each lost customer takes its renewals and cross-sell with it.",
      }),
      goal({
        kpiId: "sales_cycle_days", title: "Shorten the sales cycle to 60 days", ownerTeamId: salesTeam, filters: salesTeam ? { teamId: salesTeam } : {}, createdById: this.salesManager.id,
        startDate: day(y, m - 3), deadline: day(y, m + 3, 0), targetType: "ABSOLUTE", targetValue: 60, baselineValue: 120, baselineNote: "Four months in last year's board report", cadence: "MONTHLY",
        actionPlan: "Qualify in the first call, book the demo before hanging up, send proposals within 48 hours.", whyItMatters: "A shorter cycle frees the team for more deals and brings revenue forward.",
      }),
      goal({
        kpiId: "cac", title: "Bring CAC from $115 to $80", ownerUserId: this.salesManager.id, createdById: this.salesManager.id,
        startDate: day(y, m - 2), deadline: day(y, m + 4, 0), targetType: "ABSOLUTE", targetValue: 80, baselineValue: 115, baselineNote: "Finance's figure for last quarter", cadence: "QUARTERLY",
        actionPlan: "Move budget from paid search to referrals and webinars; stop the two weakest campaigns.", whyItMatters: "Cheaper customers pay back faster and let us grow without new funding.",
      }),
      goal({
        kpiId: "first_contact_resolution", title: "Resolve 80% of tickets on first contact", ownerTeamId: supportTeam, filters: supportTeam ? { teamId: supportTeam } : {}, createdById: this.supportManager.id,
        startDate: day(y, m - 1), deadline: day(y, m + 5, 0), targetType: "ABSOLUTE", targetValue: 80, cadence: "MONTHLY",
        actionPlan: "A knowledge base for the ten most common questions; agents may refund up to $100 without escalation.", whyItMatters: "Customers who get an answer at once are happier and cost less to serve.",
      }),
    ];
    await this.db.goal.createMany({ data: rows });
    this.counts.Goal = rows.length;
  }

  // --- automation: the product brief's example rules, switched on -------------------------------------------------

  async automationRules(): Promise<void> {
    const rng = this.rng.fork("automation");
    const at = new Date(this.now);
    const rows = exampleRules(this.nurtureId).map((r) => ({
      id: rng.uuid(), organizationId: this.orgId, name: r.name, entity: r.entity, trigger: r.trigger, idleDays: r.idleDays ?? null,
      conditions: r.conditions, actions: r.actions, active: true, createdById: this.salesManager.id, createdAt: at, updatedAt: at,
    }));
    await this.db.automationRule.createMany({ data: rows });
    this.counts.AutomationRule = rows.length;
  }

  // --- adoption: logins and staff tasks -----------------------------------------------------------------------------

  async adoption(): Promise<void> {
    const rng = this.rng.fork("adoption");
    const pDay: Record<Role, number> = { CRM_MANAGER: 0.9, SALES_MANAGER: 0.8, SUPPORT_MANAGER: 0.8, SALES_REP: 0.72, SUPPORT_AGENT: 0.85 };
    const firstDay = Math.floor(this.tl.start / DAY) * DAY;
    for (const s of this.staff) {
      const from = Math.max(firstDay, Math.floor(s.joinedAt / DAY) * DAY);
      for (let day = from; day < this.now; day += DAY) {
        const wd = new Date(day).getUTCDay();
        // adoption grows: fewer logins in the first months of the CRM
        const p = (wd === 0 || wd === 6 ? 0.05 : pDay[s.role]) * (0.6 + 0.4 * Math.min(1, (day - this.tl.start) / (240 * DAY)));
        if (!rng.chance(p)) continue;
        const logins = rng.chance(0.2) ? 2 : 1;
        for (let k = 0; k < logins; k++) {
          const at = day + (k === 0 ? rng.int(7 * 60, 10 * 60) : rng.int(13 * 60, 17 * 60)) * MIN + rng.int(0, 59) * 1000;
          if (at >= this.now) continue;
          await this.w.login.add({ id: rng.uuid(), organizationId: this.orgId, userId: s.id, email: s.email, success: true, ip: `10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, createdAt: iso(at) });
        }
      }
    }
    // each staff member's own task list: done, open, upcoming and some overdue
    const subjects = ["Prepare quarterly review", "Update account notes", "Send proposal", "Check renewal terms", "Call back customer", "Clean up duplicate contacts", "Review escalated tickets", "Plan campaign follow-up"];
    for (const s of this.staff) {
      const n = rng.int(6, 14);
      const tickets = this.openTicketsByAgent.get(s.id) ?? [];
      for (let i = 0; i < n; i++) {
        const due = this.now + rng.int(-20, 14) * DAY + rng.int(9, 17) * HOUR;
        const done = due < this.now && rng.chance(0.6);
        const ticketId = tickets.length > 0 && rng.chance(0.5) ? rng.pick(tickets) : null;
        await this.activity(rng, { type: rng.weighted(["TASK", "FOLLOW_UP", "CALL"] as const, [60, 25, 15]), subject: ticketId ? "Follow up on ticket" : rng.pick(subjects), ownerId: s.id, leadId: null, dealId: null, accountId: null, ticketId, at: Math.min(due, this.now - HOUR), dueAt: due, done });
      }
      // data-quality updates by the CRM manager
      if (s.role === "CRM_MANAGER") {
        for (let i = 0; i < Math.min(200, Math.ceil(this.accounts.length * 0.1)); i++) {
          const a = rng.pick(this.accounts);
          await this.w.audit.add({ id: rng.uuid(), organizationId: this.orgId, actorId: s.id, action: "update", entityType: "Account", entityId: a.id, changes: { industry: { from: null, to: a.industry } }, createdAt: iso(this.tl.sample(rng, Math.max(a.createdAt, this.tl.start), this.now)) });
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** Generates the demo organizations into an empty (migrated) database. Throws if they already exist. */
export async function generateDemo(db: PrismaClient, opts: DemoOptions): Promise<DemoSummary> {
  const progress = opts.onProgress ?? (() => {});
  const sizes = DEMO_SIZES[opts.size];
  if (!sizes) throw new Error(`unknown demo size "${String(opts.size)}" (test, demo or bench)`);
  const now = opts.now.getTime();
  if (!Number.isFinite(now)) throw new Error("invalid `now`");
  const existing = await db.organization.findMany({ where: { slug: { in: DEMO_ORGS.map((o) => o.slug) } }, select: { slug: true } });
  if (existing.length > 0) throw new Error(`demo organization(s) already exist: ${existing.map((o) => o.slug).join(", ")}`);

  const root = new Rng(opts.seed);
  const passwordHash = await hashPassword(DEMO_PASSWORD); // slow (argon2id): once for every demo user
  const chunk = opts.size === "bench" ? 10000 : 2500;
  const summary: DemoSummary = { seed: opts.seed, size: opts.size, now: opts.now.toISOString(), organizations: [], totals: {} };
  const tl = new Timeline(now);

  for (const org of DEMO_ORGS) {
    const orgRng = root.fork(`org:${org.slug}`);
    const g = new OrgGen(db, orgRng, tl, orgRng.fork("id").uuid(), org.slug, sizes[org.slug], progress, chunk);
    progress(`${org.slug}: organization, users, configuration`);
    await g.people(passwordHash);
    await g.configuration();
    progress(`${org.slug}: accounts and contacts`);
    await g.accountsAndContacts();
    progress(`${org.slug}: deals, their leads and activities`);
    await g.deals();
    progress(`${org.slug}: other leads`);
    await g.otherLeads();
    progress(`${org.slug}: tickets and surveys`);
    const { csat, ces } = await g.tickets();
    await g.npsResponses(Math.max(0, g.size.responses - csat - ces));
    progress(`${org.slug}: costs, adoption`);
    await g.costs();
    await g.adoption();
    await g.goals();
    await g.automationRules();
    await g.flushAll();
    progress(`${org.slug}: lead scores`);
    await recomputeLeadScores(db, g.orgId, "all");
    summary.organizations.push({ slug: org.slug, id: g.orgId, name: org.name, counts: { ...g.counts } });
    for (const [table, n] of Object.entries(g.counts)) summary.totals[table] = (summary.totals[table] ?? 0) + n;
    progress(`${org.slug}: done (${Object.entries(g.counts).map(([t, n]) => `${t} ${n}`).join(", ")})`);
  }
  return summary;
}
