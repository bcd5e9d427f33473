import { date, enumField, int, ref, text } from "../fields";
import type { RecordDefinition } from "../definition";

export const accounts: RecordDefinition = {
  type: "accounts",
  model: "account",
  entityType: "Account",
  label: "Account",
  plural: "Accounts",
  family: "sales",
  ownerField: "ownerId",
  titleField: "name",
  fields: [
    text("name", "Name", { required: true, list: true, sortable: true }),
    enumField("status", "Status", ["PROSPECT", "ACTIVE", "CHURNED"], { list: true, sortable: true, filter: true }),
    text("segment", "Segment", { list: true, sortable: true, max: 80 }),
    text("industry", "Industry", { list: true, sortable: true, max: 80 }),
    int("employees", "Employees"),
    text("website", "Website", { max: 300 }),
    date("startDate", "Customer since", { list: true, sortable: true }),
    date("churnDate", "Churned on", { sortable: true }),
    ref("ownerId", "Owner", "user", { list: true, filter: true }),
    ref("campaignId", "Campaign", "campaign", { filter: true }),
    date("createdAt", "Created", { readOnly: true, sortable: true }),
  ],
  searchFields: ["name", "industry", "website"],
  dateField: "createdAt",
  defaultSort: { field: "name", dir: "asc" },
  check: (r) => (r.startDate && r.churnDate && (r.churnDate as Date) < (r.startDate as Date) ? "churnDate: Churned on cannot be before Customer since." : null),
};
