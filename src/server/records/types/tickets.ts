import { date, enumField, int, ref, text } from "../fields";
import type { RecordDefinition } from "../definition";

export const tickets: RecordDefinition = {
  type: "tickets",
  model: "ticket",
  entityType: "Ticket",
  label: "Ticket",
  plural: "Tickets",
  family: "support",
  ownerField: "assigneeId",
  titleField: "subject",
  fields: [
    text("subject", "Subject", { required: true, list: true, sortable: true }),
    ref("accountId", "Account", "account", { list: true, filter: true }),
    ref("contactId", "Contact", "contact"),
    ref("assigneeId", "Assignee", "user", { list: true, filter: true }),
    enumField("channel", "Channel", ["EMAIL", "PHONE", "CHAT", "WEB", "SOCIAL"], { required: true, list: true, sortable: true, filter: true }),
    enumField("priority", "Priority", ["LOW", "MEDIUM", "HIGH", "URGENT"], { list: true, sortable: true, filter: true }),
    text("category", "Category", { list: true, sortable: true, max: 80 }),
    // status and its dates move only through the ticket actions (first response, resolve, reopen)
    enumField("status", "Status", ["OPEN", "PENDING", "RESOLVED", "CLOSED"], { readOnly: true, list: true, sortable: true, filter: true }),
    date("openedAt", "Opened", { readOnly: true, list: true, sortable: true }),
    date("firstResponseAt", "First response", { readOnly: true, sortable: true }),
    date("resolvedAt", "Resolved", { readOnly: true, sortable: true }),
    int("reopenCount", "Reopened", { readOnly: true }),
    int("contactCount", "Contacts until resolution", { readOnly: true }),
  ],
  searchFields: ["subject", "category"],
  dateField: "openedAt",
  defaultSort: { field: "openedAt", dir: "desc" },
};
