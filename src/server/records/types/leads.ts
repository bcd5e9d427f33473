import { date, email, enumField, int, ref, text } from "../fields";
import type { RecordDefinition } from "../definition";

const STATUSES = ["NEW", "CONTACTED", "QUALIFIED", "NURTURE", "CONVERTED", "LOST"] as const;

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
    text("source", "Source", { required: true, list: true, sortable: true, max: 80 }),
    ref("campaignId", "Campaign", "campaign", { filter: true }),
    // converting a lead is the "Convert to deal" action (it creates the deal), not a status edit
    enumField("status", "Status", STATUSES, { choices: ["NEW", "CONTACTED", "QUALIFIED", "NURTURE", "LOST"], list: true, sortable: true, filter: true }),
    int("score", "Score", { list: true, sortable: true, max: 1000 }),
    ref("ownerId", "Owner", "user", { list: true, filter: true }),
    ref("accountId", "Account", "account"),
    date("createdAt", "Created", { readOnly: true, list: true, sortable: true }),
    date("convertedAt", "Converted", { readOnly: true, sortable: true }),
    date("lostAt", "Lost", { readOnly: true, sortable: true }),
  ],
  searchFields: ["firstName", "lastName", "email", "company"],
  dateField: "createdAt",
  defaultSort: { field: "createdAt", dir: "desc" },
  // marking a lead lost dates it (the lost-lead KPIs count lostAt); reopening clears the date
  derive: (next, before, now) => {
    if (next.status === undefined || next.status === before?.status) return {};
    if (next.status === "LOST") return { lostAt: now };
    return before?.status === "LOST" ? { lostAt: null } : {};
  },
};
