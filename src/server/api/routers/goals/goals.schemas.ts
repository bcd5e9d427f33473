import { z } from "zod";
import { filtersInput } from "../kpi/kpi.schemas";

const date = z.coerce.date({ message: "must be a date" });
const goalId = z.uuid("goalId must be a goal id.");

// the goal as the guided form sends it; preview takes the same fields without owner and with looser text
const goalFields = {
  title: z.string().trim().max(200, "at most 200 characters."),
  kpiId: z.string().min(1, "choose a KPI.").max(80).regex(/^[a-z0-9_]+$/, "must be a KPI id"),
  filters: filtersInput,
  startDate: date,
  deadline: date,
  targetType: z.enum(["ABSOLUTE", "RELATIVE"], { message: "targetType must be ABSOLUTE or RELATIVE" }),
  targetValue: z.number({ message: "enter a number." }).finite("enter a number."),
  baselineValue: z.number().finite().nullish(),
  baselineNote: z.string().trim().max(500).nullish(),
  actionPlan: z.string().max(5000).default(""),
  whyItMatters: z.string().max(5000).default(""),
  cadence: z.enum(["MONTHLY", "QUARTERLY", "YEARLY", "AFTER_CAMPAIGN"], { message: "cadence must be MONTHLY, QUARTERLY, YEARLY or AFTER_CAMPAIGN" }).default("MONTHLY"),
};
const owner = { ownerUserId: z.uuid("ownerUserId must be a user id.").nullish(), ownerTeamId: z.uuid("ownerTeamId must be a team id.").nullish() };

export const previewGoalInput = z.object(goalFields);
export const createGoalInput = z.object({ ...goalFields, ...owner, title: goalFields.title.min(1, "give the goal a title.") });
export const updateGoalInput = createGoalInput.extend({ goalId });
export const archiveGoalInput = z.object({ goalId, archived: z.boolean().default(true) });
export const getGoalInput = z.object({ goalId });
export const listGoalsInput = z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false });
export const checkInGoalInput = z.object({ goalId, note: z.string().max(2000, "at most 2000 characters.").default(""), isReview: z.boolean().default(false) });
