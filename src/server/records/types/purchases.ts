import { bool, date, money, ref, text } from "../fields";
import type { RecordDefinition } from "../definition";

export const purchases: RecordDefinition = {
  type: "purchases",
  model: "purchase",
  entityType: "Purchase",
  label: "Purchase",
  plural: "Purchases",
  family: "sales",
  ownerField: null,
  titleField: "invoiceNumber",
  fields: [
    text("invoiceNumber", "Invoice number", { list: true, sortable: true, max: 80 }),
    ref("accountId", "Account", "account", { required: true, list: true, filter: true }),
    ref("dealId", "Deal", "deal"),
    text("product", "Product", { list: true, sortable: true, max: 120 }),
    date("purchasedAt", "Purchased on", { required: true, list: true, sortable: true }),
    money("amount", "Amount", { required: true, list: true, sortable: true }),
    money("cost", "Cost"),
    bool("isRenewal", "Renewal", { list: true, filter: true }),
  ],
  searchFields: ["invoiceNumber", "product"],
  dateField: "purchasedAt",
  defaultSort: { field: "purchasedAt", dir: "desc" },
};
