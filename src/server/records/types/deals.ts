import { bool, date, enumField, money, ref, text } from "../fields";
import type { RecordDefinition } from "../definition";

export const deals: RecordDefinition = {
  type: "deals",
  model: "deal",
  entityType: "Deal",
  label: "Deal",
  plural: "Deals",
  family: "sales",
  ownerField: "ownerId",
  titleField: "name",
  fields: [
    text("name", "Name", { required: true, list: true, sortable: true }),
    ref("accountId", "Account", "account", { list: true, filter: true }),
    ref("leadId", "Lead", "lead"),
    ref("ownerId", "Owner", "user", { list: true, filter: true }),
    // stage and status move only through the pipeline board (it records the stage history)
    ref("stageId", "Stage", "stage", { readOnly: true, list: true, filter: true }),
    enumField("status", "Status", ["OPEN", "WON", "LOST"], { readOnly: true, list: true, sortable: true, filter: true }),
    enumField("type", "Type", ["NEW", "RENEWAL", "CROSS_SELL"], { filter: true }),
    text("product", "Product", { max: 120 }),
    money("amount", "Amount", { required: true, list: true, sortable: true }),
    money("cost", "Cost"),
    bool("isReferral", "Referral", { filter: true }),
    ref("campaignId", "Campaign", "campaign", { filter: true }),
    date("openedAt", "Opened", { readOnly: true, list: true, sortable: true }),
    date("engagedAt", "Engaged", { sortable: true }),
    date("expectedCloseAt", "Expected close", { list: true, sortable: true }),
    date("closedAt", "Closed", { readOnly: true, sortable: true }),
    text("lostReason", "Lost reason", { max: 300 }),
  ],
  searchFields: ["name", "product"],
  dateField: "openedAt",
  defaultSort: { field: "openedAt", dir: "desc" },
};
