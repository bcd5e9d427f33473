import { date, email, ref, text } from "../fields";
import type { RecordDefinition } from "../definition";

export const contacts: RecordDefinition = {
  type: "contacts",
  model: "contact",
  entityType: "Contact",
  label: "Contact",
  plural: "Contacts",
  family: "sales",
  ownerField: "ownerId",
  titleField: "lastName",
  fields: [
    text("firstName", "First name", { required: true, list: true, sortable: true, max: 100 }),
    text("lastName", "Last name", { required: true, list: true, sortable: true, max: 100 }),
    email("email", "Email", { list: true, sortable: true }),
    text("phone", "Phone", { max: 50 }),
    text("title", "Job title", { list: true, max: 100 }),
    ref("accountId", "Account", "account", { list: true, filter: true }),
    date("emailOptInAt", "Opted in to emails", { sortable: true }),
    ref("ownerId", "Owner", "user", { list: true, filter: true }),
    date("createdAt", "Created", { readOnly: true, sortable: true }),
  ],
  searchFields: ["firstName", "lastName", "email"],
  dateField: "createdAt",
  defaultSort: { field: "lastName", dir: "asc" },
};
