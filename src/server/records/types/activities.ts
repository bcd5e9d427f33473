import { date, enumField, longtext, ref, text } from "../fields";
import type { RecordDefinition } from "../definition";

export const activities: RecordDefinition = {
  type: "activities",
  model: "activity",
  entityType: "Activity",
  label: "Activity",
  plural: "Activities & tasks",
  family: "shared",
  ownerField: "ownerId",
  titleField: "subject",
  fields: [
    text("subject", "Subject", { required: true, list: true, sortable: true }),
    enumField("type", "Type", ["CALL", "EMAIL", "MEETING", "FOLLOW_UP", "TASK"], { required: true, list: true, sortable: true, filter: true }),
    ref("ownerId", "Owner", "user", { list: true, filter: true }),
    date("dueAt", "Due", { list: true, sortable: true }),
    date("doneAt", "Done", { list: true, sortable: true }),
    ref("leadId", "Lead", "lead"),
    ref("dealId", "Deal", "deal", { filter: true }),
    ref("accountId", "Account", "account"),
    ref("ticketId", "Ticket", "ticket", { filter: true }),
    longtext("notes", "Notes"),
    date("createdAt", "Created", { readOnly: true, sortable: true }),
  ],
  searchFields: ["subject", "notes"],
  dateField: "dueAt",
  defaultSort: { field: "dueAt", dir: "asc" },
};
