import { bool, date, money, text } from "../fields";
import type { RecordDefinition } from "../definition";

export const campaigns: RecordDefinition = {
  type: "campaigns",
  model: "campaign",
  entityType: "Campaign",
  label: "Campaign",
  plural: "Campaigns",
  family: "sales",
  ownerField: null,
  titleField: "name",
  fields: [
    text("name", "Name", { required: true, list: true, sortable: true }),
    text("channel", "Channel", { required: true, list: true, sortable: true, max: 80 }),
    money("budget", "Budget", { list: true, sortable: true }),
    money("actualCost", "Actual cost", { list: true, sortable: true }),
    date("startDate", "Starts", { required: true, list: true, sortable: true }),
    date("endDate", "Ends", { list: true, sortable: true }),
    bool("isNurture", "Nurture campaign", { filter: true }),
  ],
  searchFields: ["name", "channel"],
  dateField: "startDate",
  defaultSort: { field: "startDate", dir: "desc" },
  check: (r) => (r.startDate && r.endDate && (r.endDate as Date) < (r.startDate as Date) ? "endDate: Ends cannot be before Starts." : null),
};
