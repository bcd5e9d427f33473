import { z } from "zod";
import { ruleInputSchema } from "@/server/automation/rule-input";

export const ruleIdInput = z.object({ ruleId: z.uuid("ruleId: not a rule id.") });
export { ruleInputSchema };
