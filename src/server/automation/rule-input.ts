// What a rule is made of, validated with zod (field-named errors for the form). Pure module: the page imports it too.
import { z } from "zod";

export const ENTITIES = ["DEAL", "LEAD"] as const;
export type Entity = (typeof ENTITIES)[number];
export const TRIGGERS = ["CREATED", "STAGE_CHANGED", "VALUE_CHANGED", "SCORE_CHANGED", "IDLE"] as const;
export type Trigger = (typeof TRIGGERS)[number];
export const ACTIVITY_TYPES = ["CALL", "EMAIL", "MEETING", "FOLLOW_UP", "TASK"] as const;
export const LEAD_STATUS_VALUES = ["NEW", "CONTACTED", "QUALIFIED", "NURTURE", "CONVERTED", "LOST"] as const;

export const ENTITY_LABELS: Record<Entity, string> = { DEAL: "Deal", LEAD: "Lead" };
export const TRIGGER_LABELS: Record<Trigger, string> = {
  CREATED: "is created",
  STAGE_CHANGED: "changes stage (deal) or status (lead)",
  VALUE_CHANGED: "changes value (deal amount)",
  SCORE_CHANGED: "changes score (lead)",
  IDLE: "is idle (no activity or change) for N days",
};
/** Which triggers make sense for which record. */
export const TRIGGERS_FOR: Record<Entity, readonly Trigger[]> = {
  DEAL: ["CREATED", "STAGE_CHANGED", "VALUE_CHANGED", "IDLE"],
  LEAD: ["CREATED", "STAGE_CHANGED", "SCORE_CHANGED", "IDLE"],
};

const uuid = (what: string) => z.uuid(`Choose ${what} from the list.`);
const amount = z.number("Enter a number.").finite("Enter a number.").min(0, "Must be zero or more.").max(1e12, "Too large.");

// value: a deal's amount; score: a lead's score; source: the lead's source (a deal's lead's); stage: a deal's stage id or
// a lead's status; owner: the record's owner (a user id, or "none" for no owner). All conditions must hold (AND).
export const conditionSchema = z.discriminatedUnion("field", [
  z.object({ field: z.literal("value"), op: z.enum(["gt", "lt"], "Choose above or below."), value: amount }),
  z.object({ field: z.literal("score"), op: z.enum(["gt", "lt"], "Choose above or below."), value: z.number("Enter a number.").int("Enter a whole number.").min(-100000).max(100000) }),
  z.object({ field: z.literal("source"), op: z.enum(["is", "isNot"], "Choose is or is not."), value: z.string().trim().min(1, "Enter a source.").max(80, "At most 80 characters.") }),
  z.object({ field: z.literal("stage"), op: z.enum(["is", "isNot"], "Choose is or is not."), value: z.string().trim().min(1, "Choose a stage.") }),
  z.object({ field: z.literal("owner"), op: z.enum(["is", "isNot"], "Choose is or is not."), value: z.union([z.literal("none"), uuid("an owner")]) }),
], "Choose what to check: value, score, source, stage or owner.");
export type Condition = z.infer<typeof conditionSchema>;

export const actionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("createTask"),
    activityType: z.enum(ACTIVITY_TYPES, "Choose a task type."),
    subject: z.string().trim().min(1, "Enter what the task says.").max(200, "At most 200 characters."),
    dueInHours: z.number("Enter a number of hours.").int("Enter whole hours.").min(0, "Zero hours or more.").max(24 * 365, "At most a year."),
  }),
  z.object({ type: z.literal("assignUser"), userId: uuid("a person") }),
  z.object({ type: z.literal("assignRoundRobin"), teamId: uuid("a team") }),
  z.object({ type: z.literal("addToCampaign"), campaignId: uuid("a campaign") }),
  z.object({
    type: z.literal("notify"),
    // "owner": the record's owner (after any assignment earlier in the rule); else a user id
    to: z.union([z.literal("owner"), uuid("who to notify")]),
    message: z.string().trim().min(1, "Enter the message.").max(300, "At most 300 characters."),
  }),
], "Choose an action: create a task, assign, add to a campaign or notify.");
export type RuleAction = z.infer<typeof actionSchema>;

export const ACTION_LABELS: Record<RuleAction["type"], string> = {
  createTask: "Create a task for the owner",
  assignUser: "Assign to a person",
  assignRoundRobin: "Assign round-robin in a team",
  addToCampaign: "Add the lead to a campaign",
  notify: "Notify",
};

export const ruleInputSchema = z
  .object({
    name: z.string().trim().min(1, "Give the rule a name.").max(120, "At most 120 characters."),
    entity: z.enum(ENTITIES, "Choose deal or lead."),
    trigger: z.enum(TRIGGERS, "Choose when the rule runs."),
    idleDays: z.number("Enter a number of days.").int("Enter whole days.").min(1, "At least 1 day.").max(365, "At most 365 days.").nullish(),
    conditions: z.array(conditionSchema).max(10, "At most 10 conditions."),
    actions: z.array(actionSchema).min(1, "Add at least one action.").max(10, "At most 10 actions."),
  })
  .superRefine((r, ctx) => {
    if (!TRIGGERS_FOR[r.entity].includes(r.trigger)) {
      ctx.addIssue({ code: "custom", path: ["trigger"], message: `A ${r.entity.toLowerCase()} rule cannot run when the record ${TRIGGER_LABELS[r.trigger]}.` });
    }
    if (r.trigger === "IDLE" && !r.idleDays) ctx.addIssue({ code: "custom", path: ["idleDays"], message: "Enter after how many idle days the rule runs." });
    r.conditions.forEach((c, i) => {
      if (c.field === "value" && r.entity !== "DEAL") ctx.addIssue({ code: "custom", path: ["conditions", i, "field"], message: "Leads have no value; use score." });
      if (c.field === "score" && r.entity !== "LEAD") ctx.addIssue({ code: "custom", path: ["conditions", i, "field"], message: "Deals have no score; use value." });
      if (c.field === "stage" && r.entity === "LEAD" && !(LEAD_STATUS_VALUES as readonly string[]).includes(c.value)) {
        ctx.addIssue({ code: "custom", path: ["conditions", i, "value"], message: `A lead's stage is its status: ${LEAD_STATUS_VALUES.join(", ")}.` });
      }
      if (c.field === "stage" && r.entity === "DEAL" && !z.uuid().safeParse(c.value).success) {
        ctx.addIssue({ code: "custom", path: ["conditions", i, "value"], message: "Choose a stage from the list." });
      }
    });
  });
export type RuleInput = z.infer<typeof ruleInputSchema>;

/** The two example rules of the product brief, in the words the UI shows. */
export function exampleRules(nurtureCampaignId: string): RuleInput[] {
  return [
    {
      name: "Deal above 500: call within 24 h",
      entity: "DEAL", trigger: "CREATED", idleDays: null,
      conditions: [{ field: "value", op: "gt", value: 500 }],
      actions: [{ type: "createTask", activityType: "CALL", subject: "Call within 24 h", dueInHours: 24 }],
    },
    {
      name: "Deal below 500: lead into nurture",
      entity: "DEAL", trigger: "CREATED", idleDays: null,
      conditions: [{ field: "value", op: "lt", value: 500 }],
      actions: [{ type: "addToCampaign", campaignId: nurtureCampaignId }],
    },
  ];
}
