import { date, enumField, money, ref, text } from "../fields";
import type { RecordDefinition } from "../definition";

export const costs: RecordDefinition = {
  type: "costs",
  model: "cost",
  entityType: "Cost",
  label: "Cost",
  plural: "Costs",
  family: "sales",
  ownerField: null,
  titleField: "category",
  fields: [
    enumField("kind", "Kind", ["MARKETING", "SALES"], { required: true, list: true, sortable: true, filter: true }),
    text("category", "Category", { required: true, list: true, sortable: true, max: 80 }),
    money("amount", "Amount", { required: true, list: true, sortable: true }),
    date("periodStart", "Period start", { required: true, list: true, sortable: true }),
    date("periodEnd", "Period end", { required: true, list: true, sortable: true }),
    ref("campaignId", "Campaign", "campaign", { list: true, filter: true }),
    text("note", "Note", { max: 500 }),
  ],
  searchFields: ["category", "note"],
  dateField: "periodStart",
  defaultSort: { field: "periodStart", dir: "desc" },
  check: (r) => (r.periodStart && r.periodEnd && (r.periodEnd as Date) < (r.periodStart as Date) ? "periodEnd: Period end cannot be before Period start." : null),
};
