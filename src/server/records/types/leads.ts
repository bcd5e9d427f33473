import { date, email, enumField, int, ref, text } from "../fields";
import type { RecordDefinition } from "../definition";
import { INCOME_BANDS } from "@/server/scoring/model";

const STATUSES = ["NEW", "CONTACTED", "QUALIFIED", "NURTURE", "CONVERTED", "LOST"] as const;

// behaviour counts the scoring model reads (usually filled by imports from the marketing tools)
const BEHAVIOUR = [
  ["websiteVisits", "Website visits"],
  ["formSubmits", "Form submissions"],
  ["downloads", "Downloads"],
  ["emailOpens", "Email opens"],
  ["emailReplies", "Email replies"],
] as const;

export const leads: RecordDefinition = {
  type: "leads",
  model: "lead",
  entityType: "Lead",
  label: "Lead",
  plural: "Leads",
  family: "sales",
  ownerField: "ownerId",
  titleField: "lastName",
  fields: [
    text("firstName", "First name", { required: true, list: true, sortable: true, max: 100 }),
    text("lastName", "Last name", { required: true, list: true, sortable: true, max: 100 }),
    email("email", "Email"),
    text("company", "Company", { list: true, sortable: true }),
    text("title", "Job title", { max: 100 }),
    text("industry", "Industry", { max: 80 }),
    int("employees", "Employees"),
    enumField("incomeBand", "Yearly revenue band", INCOME_BANDS),
    text("source", "Source", { required: true, list: true, sortable: true, max: 80 }),
    ref("campaignId", "Campaign", "campaign", { filter: true }),
    // converting a lead is the "Convert to deal" action (it creates the deal), not a status edit
    enumField("status", "Status", STATUSES, { choices: ["NEW", "CONTACTED", "QUALIFIED", "NURTURE", "LOST"], list: true, sortable: true, filter: true }),
    // computed from the organization's scoring model (src/server/scoring), recomputed on every create / edit
    int("score", "Score", { readOnly: true, list: true, sortable: true }),
    ...BEHAVIOUR.map(([key, label]) => int(key, label, { max: 1_000_000 })),
    ref("ownerId", "Owner", "user", { list: true, filter: true }),
    ref("accountId", "Account", "account"),
    date("createdAt", "Created", { readOnly: true, list: true, sortable: true }),
    date("convertedAt", "Converted", { readOnly: true, sortable: true }),
    date("lostAt", "Lost", { readOnly: true, sortable: true }),
  ],
  searchFields: ["firstName", "lastName", "email", "company"],
  dateField: "createdAt",
  // the best leads first
  defaultSort: { field: "score", dir: "desc" },
  // marking a lead lost dates it (the lost-lead KPIs count lostAt); reopening clears the date
  derive: (next, before, now) => {
    // the behaviour counts are never empty: a cleared count is 0
    const counts = Object.fromEntries(BEHAVIOUR.filter(([key]) => next[key] === null).map(([key]) => [key, 0]));
    if (next.status === undefined || next.status === before?.status) return counts;
    if (next.status === "LOST") return { ...counts, lostAt: now };
    return before?.status === "LOST" ? { ...counts, lostAt: null } : counts;
  },
};
