// What each importable record type expects: its columns, how each cell is read, the header spellings
// recognised for it (ours, snake_case, and HubSpot / Salesforce / Pipedrive export names), the duplicate
// keys and which permission family may import it. Pure data + types: safe to import on the client
// (the mapping screen and docs/import.md list the same definitions).
import { can, type Action } from "@/server/auth/permissions";

export const IMPORT_TYPES = [
  "account", "contact", "lead", "deal", "activity", "campaign", "cost", "purchase", "ticket", "surveyResponse",
] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

export function isImportType(v: unknown): v is ImportType {
  return typeof v === "string" && (IMPORT_TYPES as readonly string[]).includes(v);
}

/** Things a cell may refer to by name, email or external id; resolved in bulk before the rows are read. */
export type RefKind = "account" | "user" | "campaign" | "stage" | "survey" | "contact" | "deal" | "ticket";

/** Lists of allowed values for free-text category columns (matched ignoring case and spaces). */
export type CategoryList = "leadSource" | "campaignChannel";

export type FieldKind =
  | { kind: "text"; max?: number }
  | { kind: "email" }
  | { kind: "int"; min?: number; max?: number }
  | { kind: "money" }
  | { kind: "date" }
  | { kind: "bool" }
  /** stored value -> accepted spellings (besides the value itself) */
  | { kind: "enum"; values: Record<string, string[]> }
  | { kind: "category"; list: CategoryList }
  | { kind: "ref"; ref: RefKind };

export type FieldDef = FieldKind & {
  key: string;
  label: string;
  /** the database column the value goes to (for refs: the id column) */
  column: string;
  required?: boolean;
  /** header spellings besides the label and the key (normalised before comparing) */
  aliases: string[];
  help?: string;
};

/** A column of the target table the commit writes. `insertDefault` fills a blank cell on insert (NOT NULL columns). */
export type OutputColumn = { name: string; sqlType: string; insertDefault?: string };

export type TypeDef = {
  type: ImportType;
  label: string;
  plural: string;
  table: string;
  /** the records family; importing also needs records:import */
  permission: Action;
  fields: FieldDef[];
  /** columns written; derived columns (a deal's status from its stage, a response's type) are listed here too */
  columns: OutputColumn[];
  /** duplicate keys over output columns, strongest first; a row uses every key whose columns are all filled */
  duplicateKeys: string[][];
  /** keep (create anyway) is impossible when the key is unique in the database */
  uniqueKey?: boolean;
  softDelete: boolean;
  hasUpdatedAt: boolean;
};

const ACCOUNT_STATUS = { PROSPECT: ["lead", "prospect"], ACTIVE: ["active", "customer", "current customer"], CHURNED: ["churned", "former customer", "lost customer", "inactive"] };
const LEAD_STATUS = {
  NEW: ["new", "open"], CONTACTED: ["contacted", "attempted to contact", "in progress", "working", "working - contacted"],
  QUALIFIED: ["qualified", "sales qualified", "sql"], NURTURE: ["nurture", "nurturing"], CONVERTED: ["converted", "closed - converted"],
  LOST: ["lost", "unqualified", "disqualified", "closed - not converted"],
};
const DEAL_TYPE = { NEW: ["new", "new business", "new customer"], RENEWAL: ["renewal", "existing business - renewal"], CROSS_SELL: ["cross-sell", "cross sell", "upsell", "up-sell", "existing business", "expansion"] };
const ACTIVITY_TYPE = { CALL: ["call", "phone call", "phone"], EMAIL: ["email", "e-mail"], MEETING: ["meeting"], FOLLOW_UP: ["follow-up", "follow up", "followup"], TASK: ["task", "to-do", "todo"] };
const COST_KIND = { MARKETING: ["marketing", "marketing spend"], SALES: ["sales", "sales cost"] };
const CHANNEL = { EMAIL: ["email", "e-mail"], PHONE: ["phone", "call"], CHAT: ["chat", "live chat"], WEB: ["web", "web form", "portal", "form"], SOCIAL: ["social", "social media", "twitter", "facebook"] };
const PRIORITY = { LOW: ["low"], MEDIUM: ["medium", "normal"], HIGH: ["high"], URGENT: ["urgent", "critical"] };
const TICKET_STATUS = { OPEN: ["open", "new"], PENDING: ["pending", "waiting", "on hold"], RESOLVED: ["resolved", "solved"], CLOSED: ["closed"] };
const SURVEY_TYPE = { NPS: ["nps", "net promoter", "net promoter score"], CSAT: ["csat", "customer satisfaction"], CES: ["ces", "customer effort", "customer effort score"] };

/** Lead sources and campaign channels a new organization accepts; values already used in the organization are accepted too. */
export const DEFAULT_CATEGORIES: Record<CategoryList, string[]> = {
  leadSource: ["web", "paid search", "social", "email", "event", "referral", "outbound", "partner", "other"],
  campaignChannel: ["email", "social", "paid search", "events", "content", "referral", "partner", "other"],
};

const f = (def: FieldDef): FieldDef => def;
const owner = (column = "ownerId", extra: string[] = []) =>
  f({ key: "owner", label: "Owner", column, kind: "ref", ref: "user", aliases: ["owner email", "owner_email", "record owner", "assigned to", ...extra], help: "email (or full name) of a member of the organization" });
const externalId = (extra: string[] = []) => f({ key: "externalId", label: "External ID", column: "externalId", kind: "text", aliases: ["external id", "id", "record id", ...extra], help: "the id in the system you export from; used to find duplicates" });
const account = (required = false, extra: string[] = []) =>
  f({ key: "account", label: "Account", column: "accountId", kind: "ref", ref: "account", required, aliases: ["account name", "company", "company name", "organization", "organisation", "associated company", "account external id", ...extra], help: "name or external id of an existing account" });
const campaign = (extra: string[] = []) => f({ key: "campaign", label: "Campaign", column: "campaignId", kind: "ref", ref: "campaign", aliases: ["campaign name", "primary campaign source", "original source drill-down 1", ...extra], help: "name of an existing campaign" });

const text = (o: Omit<Extract<FieldDef, { kind: "text" }>, "kind">): FieldDef => ({ ...o, kind: "text" });
const date = (o: Omit<Extract<FieldDef, { kind: "date" }>, "kind">): FieldDef => ({ ...o, kind: "date" });
const money = (o: Omit<Extract<FieldDef, { kind: "money" }>, "kind">): FieldDef => ({ ...o, kind: "money" });
const int = (o: Omit<Extract<FieldDef, { kind: "int" }>, "kind">): FieldDef => ({ min: 0, ...o, kind: "int" });

// Output columns shorthand: [name, sqlType, insertDefault?]
const cols = (...c: [string, string, string?][]): OutputColumn[] => c.map(([name, sqlType, insertDefault]) => ({ name, sqlType, ...(insertDefault ? { insertDefault } : {}) }));
const TS = "timestamp(3)";

export const TYPE_DEFS: Record<ImportType, TypeDef> = {
  account: {
    type: "account", label: "Account", plural: "Accounts", table: "Account", permission: "records:sales", softDelete: true, hasUpdatedAt: true,
    fields: [
      text({ key: "name", label: "Name", column: "name", required: true, max: 200, aliases: ["account name", "company name", "company", "organization name", "organization - name", "organisation name"] }),
      text({ key: "segment", label: "Segment", column: "segment", max: 100, aliases: ["customer segment", "tier"] }),
      text({ key: "industry", label: "Industry", column: "industry", max: 100, aliases: [] }),
      int({ key: "employees", label: "Employees", column: "employees", aliases: ["number of employees", "employee count", "headcount", "company size"] }),
      text({ key: "website", label: "Website", column: "website", max: 300, aliases: ["website url", "domain", "company domain name"] }),
      f({ key: "status", label: "Status", column: "status", kind: "enum", values: ACCOUNT_STATUS, aliases: ["account status", "lifecycle stage", "type"] }),
      date({ key: "startDate", label: "Customer since", column: "startDate", aliases: ["start date", "customer since", "became a customer date"] }),
      date({ key: "churnDate", label: "Churn date", column: "churnDate", aliases: ["churned date", "churned at", "end date"] }),
      owner("ownerId", ["account owner", "company owner"]),
      campaign(),
      externalId(["account id", "company id", "record id - company", "organization id"]),
    ],
    columns: cols(["name", "text"], ["segment", "text"], ["industry", "text"], ["employees", "integer"], ["website", "text"], ["status", '"AccountStatus"', "'PROSPECT'"],
      ["startDate", TS], ["churnDate", TS], ["ownerId", "uuid"], ["campaignId", "uuid"], ["externalId", "text"]),
    duplicateKeys: [["externalId"], ["name"]],
  },
  contact: {
    type: "contact", label: "Contact", plural: "Contacts", table: "Contact", permission: "records:sales", softDelete: true, hasUpdatedAt: true,
    fields: [
      text({ key: "firstName", label: "First name", column: "firstName", required: true, max: 100, aliases: ["first", "given name", "person - first name"] }),
      text({ key: "lastName", label: "Last name", column: "lastName", required: true, max: 100, aliases: ["last", "surname", "family name", "person - last name"] }),
      f({ key: "email", label: "Email", column: "email", kind: "email", aliases: ["email address", "e-mail", "primary email", "person - email"] }),
      text({ key: "phone", label: "Phone", column: "phone", max: 50, aliases: ["phone number", "mobile", "mobile phone", "business phone"] }),
      text({ key: "title", label: "Job title", column: "title", max: 150, aliases: ["title", "position", "role"] }),
      date({ key: "emailOptInAt", label: "Email opt-in date", column: "emailOptInAt", aliases: ["opt in date", "opted in", "subscribed date", "email opt in"] }),
      account(false, ["person - organization"]),
      owner("ownerId", ["contact owner"]),
      externalId(["contact id", "record id - contact", "person id"]),
    ],
    columns: cols(["firstName", "text"], ["lastName", "text"], ["email", "text"], ["phone", "text"], ["title", "text"], ["emailOptInAt", TS], ["accountId", "uuid"], ["ownerId", "uuid"], ["externalId", "text"]),
    duplicateKeys: [["email"], ["externalId"], ["firstName", "lastName", "accountId"]],
  },
  lead: {
    type: "lead", label: "Lead", plural: "Leads", table: "Lead", permission: "records:sales", softDelete: true, hasUpdatedAt: true,
    fields: [
      text({ key: "firstName", label: "First name", column: "firstName", required: true, max: 100, aliases: ["first", "given name"] }),
      text({ key: "lastName", label: "Last name", column: "lastName", required: true, max: 100, aliases: ["last", "surname", "family name"] }),
      f({ key: "email", label: "Email", column: "email", kind: "email", aliases: ["email address", "e-mail"] }),
      text({ key: "company", label: "Company", column: "company", max: 200, aliases: ["company name", "organization", "organization name", "account name"] }),
      text({ key: "title", label: "Job title", column: "title", max: 150, aliases: ["title", "position"] }),
      text({ key: "industry", label: "Industry", column: "industry", max: 100, aliases: [] }),
      int({ key: "employees", label: "Employees", column: "employees", aliases: ["number of employees", "no. of employees", "employee count", "company size"] }),
      f({ key: "source", label: "Source", column: "source", kind: "category", list: "leadSource", required: true, aliases: ["lead source", "original source", "original source type", "channel", "source channel"] }),
      campaign(),
      f({ key: "status", label: "Status", column: "status", kind: "enum", values: LEAD_STATUS, aliases: ["lead status"] }),
      // no score column: a lead's score is computed from the organization's scoring model after the import
      text({ key: "incomeBand", label: "Yearly revenue band", column: "incomeBand", max: 40, aliases: ["revenue band", "annual revenue band", "income band"] }),
      int({ key: "websiteVisits", label: "Website visits", column: "websiteVisits", aliases: ["number of pageviews", "page views", "visits"] }),
      int({ key: "formSubmits", label: "Form submissions", column: "formSubmits", aliases: ["number of form submissions", "form submits"] }),
      int({ key: "downloads", label: "Downloads", column: "downloads", aliases: ["number of downloads", "content downloads"] }),
      int({ key: "emailOpens", label: "Email opens", column: "emailOpens", aliases: ["marketing emails opened"] }),
      int({ key: "emailReplies", label: "Email replies", column: "emailReplies", aliases: ["marketing emails replied", "replies"] }),
      owner("ownerId", ["lead owner"]),
      date({ key: "createdAt", label: "Created", column: "createdAt", aliases: ["create date", "created date", "created at", "lead created", "lead - lead created"] }),
      date({ key: "convertedAt", label: "Converted", column: "convertedAt", aliases: ["converted date", "converted at", "became a customer date", "conversion date"] }),
      date({ key: "lostAt", label: "Lost", column: "lostAt", aliases: ["lost date", "lost at", "disqualified date"] }),
      externalId(["lead id", "record id - contact"]),
    ],
    columns: cols(["firstName", "text"], ["lastName", "text"], ["email", "text"], ["company", "text"], ["title", "text"], ["industry", "text"], ["employees", "integer"],
      ["source", "text"], ["campaignId", "uuid"], ["status", '"LeadStatus"', "'NEW'"], ["incomeBand", "text"], ["websiteVisits", "integer", "0"], ["formSubmits", "integer", "0"],
      ["downloads", "integer", "0"], ["emailOpens", "integer", "0"], ["emailReplies", "integer", "0"], ["ownerId", "uuid"], ["createdAt", TS, "now()"], ["convertedAt", TS], ["lostAt", TS], ["externalId", "text"]),
    duplicateKeys: [["email"], ["externalId"]],
  },
  deal: {
    type: "deal", label: "Deal", plural: "Deals", table: "Deal", permission: "records:sales", softDelete: true, hasUpdatedAt: true,
    fields: [
      text({ key: "name", label: "Name", column: "name", required: true, max: 200, aliases: ["deal name", "opportunity name", "opportunity", "title", "deal title", "deal - title"] }),
      money({ key: "amount", label: "Amount", column: "amount", required: true, aliases: ["deal amount", "value", "deal value", "deal - value", "opportunity amount", "total contract value"] }),
      f({ key: "stage", label: "Stage", column: "stageId", kind: "ref", ref: "stage", required: true, aliases: ["deal stage", "pipeline stage", "stage name", "deal - stage", "opportunity stage"], help: "name of a pipeline stage; a won/lost stage sets the deal's status" }),
      account(false, ["deal - organization", "organization - name", "associated company name", "account name"]),
      owner("ownerId", ["deal owner", "opportunity owner", "deal - owner", "deal - user"]),
      f({ key: "type", label: "Type", column: "type", kind: "enum", values: DEAL_TYPE, aliases: ["deal type", "opportunity type", "business type"] }),
      text({ key: "product", label: "Product", column: "product", max: 200, aliases: ["product name", "products", "line item"] }),
      money({ key: "cost", label: "Cost", column: "cost", aliases: ["deal cost", "cost of goods", "cogs"] }),
      f({ key: "isReferral", label: "Referral", column: "isReferral", kind: "bool", aliases: ["is referral", "referral", "referred"] }),
      campaign(["deal - campaign"]),
      date({ key: "openedAt", label: "Opened", column: "openedAt", aliases: ["create date", "created date", "created at", "deal - deal created", "deal created", "opened at", "open date"] }),
      date({ key: "engagedAt", label: "Engaged", column: "engagedAt", aliases: ["engaged at", "first contact date", "first meeting date"] }),
      date({ key: "expectedCloseAt", label: "Expected close", column: "expectedCloseAt", aliases: ["expected close date", "deal - expected close date", "expected close"] }),
      date({ key: "closedAt", label: "Closed", column: "closedAt", aliases: ["close date", "closed date", "closed at", "closed won date", "deal - won time", "deal - close time", "won time", "close time"], help: "required for deals in a won or lost stage" }),
      text({ key: "lostReason", label: "Lost reason", column: "lostReason", max: 500, aliases: ["closed lost reason", "deal - lost reason", "loss reason"] }),
      externalId(["deal id", "opportunity id", "record id - deal", "deal - id"]),
    ],
    columns: cols(["name", "text"], ["amount", "numeric"], ["stageId", "uuid"], ["status", '"DealStatus"', "'OPEN'"], ["accountId", "uuid"], ["ownerId", "uuid"], ["type", '"DealType"', "'NEW'"],
      ["product", "text"], ["cost", "numeric", "0"], ["isReferral", "boolean", "false"], ["campaignId", "uuid"], ["openedAt", TS, "now()"], ["engagedAt", TS],
      ["expectedCloseAt", TS], ["closedAt", TS], ["lostReason", "text"], ["externalId", "text"]),
    duplicateKeys: [["externalId"], ["name", "accountId"]],
  },
  activity: {
    type: "activity", label: "Activity / task", plural: "Activities and tasks", table: "Activity", permission: "records:sales", softDelete: true, hasUpdatedAt: true,
    fields: [
      f({ key: "type", label: "Type", column: "type", kind: "enum", values: ACTIVITY_TYPE, required: true, aliases: ["activity type", "task type", "activity - type"] }),
      text({ key: "subject", label: "Subject", column: "subject", required: true, max: 300, aliases: ["title", "activity subject", "task subject", "activity - subject"] }),
      text({ key: "notes", label: "Notes", column: "notes", max: 10000, aliases: ["description", "body", "comments", "activity - note"] }),
      owner("ownerId", ["activity owner", "task owner", "assigned to", "activity - assigned to user"]),
      f({ key: "deal", label: "Deal", column: "dealId", kind: "ref", ref: "deal", aliases: ["deal name", "deal external id", "opportunity", "related deal", "activity - deal"], help: "external id or name of an existing deal" }),
      account(false, ["activity - organization"]),
      date({ key: "dueAt", label: "Due", column: "dueAt", aliases: ["due date", "activity date", "activity - due date", "date"] }),
      date({ key: "doneAt", label: "Done", column: "doneAt", aliases: ["completed", "completed date", "done date", "activity - marked as done time"] }),
      date({ key: "createdAt", label: "Created", column: "createdAt", aliases: ["create date", "created date", "activity - add time"] }),
    ],
    columns: cols(["type", '"ActivityType"'], ["subject", "text"], ["notes", "text"], ["ownerId", "uuid"], ["dealId", "uuid"], ["accountId", "uuid"], ["dueAt", TS], ["doneAt", TS], ["createdAt", TS, "now()"]),
    duplicateKeys: [],
  },
  campaign: {
    type: "campaign", label: "Campaign", plural: "Campaigns", table: "Campaign", permission: "records:sales", softDelete: true, hasUpdatedAt: false, uniqueKey: true,
    fields: [
      text({ key: "name", label: "Name", column: "name", required: true, max: 200, aliases: ["campaign name", "campaign"] }),
      f({ key: "channel", label: "Channel", column: "channel", kind: "category", list: "campaignChannel", required: true, aliases: ["type", "campaign type", "medium"] }),
      money({ key: "budget", label: "Budget", column: "budget", aliases: ["budgeted cost", "budgeted cost in campaign", "planned budget"] }),
      money({ key: "actualCost", label: "Actual cost", column: "actualCost", aliases: ["actual cost in campaign", "spend", "cost"] }),
      date({ key: "startDate", label: "Start date", column: "startDate", required: true, aliases: ["start", "starts"] }),
      date({ key: "endDate", label: "End date", column: "endDate", aliases: ["end", "ends"] }),
      f({ key: "isNurture", label: "Nurture campaign", column: "isNurture", kind: "bool", aliases: ["nurture", "is nurture"] }),
    ],
    columns: cols(["name", "text"], ["channel", "text"], ["budget", "numeric", "0"], ["actualCost", "numeric", "0"], ["startDate", TS], ["endDate", TS], ["isNurture", "boolean", "false"]),
    duplicateKeys: [["name"]],
  },
  cost: {
    type: "cost", label: "Cost", plural: "Costs (marketing spend, sales cost)", table: "Cost", permission: "records:sales", softDelete: true, hasUpdatedAt: false,
    fields: [
      f({ key: "kind", label: "Kind", column: "kind", kind: "enum", values: COST_KIND, required: true, aliases: ["cost kind", "cost type"] }),
      text({ key: "category", label: "Category", column: "category", required: true, max: 100, aliases: ["cost category", "expense category"] }),
      money({ key: "amount", label: "Amount", column: "amount", required: true, aliases: ["cost", "spend", "value"] }),
      date({ key: "periodStart", label: "Period start", column: "periodStart", required: true, aliases: ["from", "start date", "period from"] }),
      date({ key: "periodEnd", label: "Period end", column: "periodEnd", required: true, aliases: ["to", "end date", "period to"] }),
      campaign(),
      text({ key: "note", label: "Note", column: "note", max: 2000, aliases: ["notes", "description"] }),
    ],
    columns: cols(["kind", '"CostKind"'], ["category", "text"], ["amount", "numeric"], ["periodStart", TS], ["periodEnd", TS], ["campaignId", "uuid"], ["note", "text"]),
    duplicateKeys: [["kind", "category", "periodStart"]],
  },
  purchase: {
    type: "purchase", label: "Purchase / invoice", plural: "Purchases and invoices", table: "Purchase", permission: "records:sales", softDelete: true, hasUpdatedAt: false,
    fields: [
      account(true, ["customer", "bill to", "customer name"]),
      f({ key: "deal", label: "Deal", column: "dealId", kind: "ref", ref: "deal", aliases: ["deal name", "deal external id", "opportunity"] }),
      text({ key: "invoiceNumber", label: "Invoice number", column: "invoiceNumber", max: 100, aliases: ["invoice", "invoice no", "invoice #", "invoice id", "number"] }),
      text({ key: "product", label: "Product", column: "product", max: 200, aliases: ["product name", "item", "description"] }),
      date({ key: "purchasedAt", label: "Purchase date", column: "purchasedAt", required: true, aliases: ["date", "invoice date", "purchased at", "order date"] }),
      money({ key: "amount", label: "Amount", column: "amount", required: true, aliases: ["total", "invoice amount", "net amount", "value"] }),
      money({ key: "cost", label: "Cost", column: "cost", aliases: ["cost of goods", "cogs"] }),
      f({ key: "isRenewal", label: "Renewal", column: "isRenewal", kind: "bool", aliases: ["is renewal", "renewal"] }),
    ],
    columns: cols(["accountId", "uuid"], ["dealId", "uuid"], ["invoiceNumber", "text"], ["product", "text"], ["purchasedAt", TS], ["amount", "numeric"], ["cost", "numeric", "0"], ["isRenewal", "boolean", "false"]),
    duplicateKeys: [["invoiceNumber"]],
  },
  ticket: {
    type: "ticket", label: "Ticket", plural: "Tickets", table: "Ticket", permission: "records:support", softDelete: true, hasUpdatedAt: true,
    fields: [
      text({ key: "subject", label: "Subject", column: "subject", required: true, max: 300, aliases: ["ticket name", "title", "summary", "case subject"] }),
      f({ key: "channel", label: "Channel", column: "channel", kind: "enum", values: CHANNEL, required: true, aliases: ["source", "ticket source", "case origin", "origin", "via"] }),
      f({ key: "priority", label: "Priority", column: "priority", kind: "enum", values: PRIORITY, aliases: ["ticket priority", "case priority"] }),
      text({ key: "category", label: "Category", column: "category", max: 100, aliases: ["ticket category", "case reason", "type", "topic"] }),
      f({ key: "status", label: "Status", column: "status", kind: "enum", values: TICKET_STATUS, aliases: ["ticket status", "case status", "pipeline stage"] }),
      account(false, ["associated company"]),
      f({ key: "contact", label: "Contact email", column: "contactId", kind: "ref", ref: "contact", aliases: ["contact", "requester", "requester email", "contact email", "customer email"], help: "email of an existing contact" }),
      owner("assigneeId", ["assignee", "agent", "ticket owner", "case owner", "assignee email"]),
      date({ key: "openedAt", label: "Opened", column: "openedAt", aliases: ["create date", "created date", "created at", "opened date", "date/time opened"] }),
      date({ key: "firstResponseAt", label: "First response", column: "firstResponseAt", aliases: ["first response date", "first agent reply date", "first responded at"] }),
      date({ key: "resolvedAt", label: "Resolved", column: "resolvedAt", aliases: ["resolved date", "close date", "closed date", "date/time closed", "solved at"] }),
      int({ key: "reopenCount", label: "Reopens", column: "reopenCount", aliases: ["reopen count", "reopens", "times reopened"] }),
      int({ key: "contactCount", label: "Agent contacts", column: "contactCount", aliases: ["contact count", "number of replies", "agent replies", "touches"] }),
      externalId(["ticket id", "case number", "case id", "ticket number"]),
    ],
    columns: cols(["subject", "text"], ["channel", '"TicketChannel"'], ["priority", '"TicketPriority"', "'MEDIUM'"], ["category", "text"], ["status", '"TicketStatus"', "'OPEN'"], ["accountId", "uuid"],
      ["contactId", "uuid"], ["assigneeId", "uuid"], ["openedAt", TS, "now()"], ["firstResponseAt", TS], ["resolvedAt", TS], ["reopenCount", "integer", "0"], ["contactCount", "integer", "0"], ["externalId", "text"]),
    duplicateKeys: [["externalId"]],
  },
  surveyResponse: {
    type: "surveyResponse", label: "Survey response", plural: "Survey responses", table: "SurveyResponse", permission: "records:support", softDelete: false, hasUpdatedAt: false,
    fields: [
      f({ key: "survey", label: "Survey", column: "surveyId", kind: "ref", ref: "survey", aliases: ["survey name"], help: "name of an existing survey; may be left out when the organization has one survey of the type" }),
      f({ key: "type", label: "Survey type", column: "type", kind: "enum", values: SURVEY_TYPE, aliases: ["type", "survey type", "question type"] }),
      int({ key: "score", label: "Score", column: "score", required: true, aliases: ["rating", "answer", "nps score", "csat score", "ces score", "how likely are you to recommend us"], help: "NPS 0-10, CSAT 1-5, CES 1-7" }),
      text({ key: "comment", label: "Comment", column: "comment", max: 10000, aliases: ["feedback", "comments", "verbatim", "reason"] }),
      date({ key: "respondedAt", label: "Responded", column: "respondedAt", aliases: ["response date", "submitted", "submitted at", "date", "responded at"] }),
      account(false),
      f({ key: "contact", label: "Contact email", column: "contactId", kind: "ref", ref: "contact", aliases: ["contact", "respondent", "respondent email", "email"] }),
      f({ key: "ticket", label: "Ticket", column: "ticketId", kind: "ref", ref: "ticket", aliases: ["ticket id", "ticket external id", "case number"], help: "external id of an existing ticket" }),
    ],
    columns: cols(["surveyId", "uuid"], ["type", '"SurveyType"'], ["score", "integer"], ["comment", "text"], ["respondedAt", TS, "now()"], ["accountId", "uuid"], ["contactId", "uuid"], ["ticketId", "uuid"]),
    duplicateKeys: [["surveyId", "contactId", "respondedAt"]],
  },
};

/** Managers (records:import) import the types of their records family; staff import nothing. */
export function canImportType(role: unknown, type: ImportType): boolean {
  return can(role, "records:import") && can(role, TYPE_DEFS[type].permission);
}

export function typeDef(type: ImportType): TypeDef {
  return TYPE_DEFS[type];
}

/** Allowed values of an enum field, in the order shown to users. */
export function enumValues(def: Extract<FieldKind, { kind: "enum" }>): string[] {
  return Object.keys(def.values);
}
