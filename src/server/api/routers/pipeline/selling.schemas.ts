import { z } from "zod";
import { periodInput } from "../kpi/kpi.schemas";

// Inputs of the selling procedures (pipeline report, stage settings, lead scoring). The domain functions check
// the rules and name the field in their messages; zod here only shapes the input.

export const pipelineReportInput = z.object({ period: periodInput, ownerId: z.uuid("must be a user id").nullish() });
export const stageDealsInput = z.object({ stageId: z.uuid("must be a stage id"), ownerId: z.uuid("must be a user id").nullish(), withoutFollowUp: z.boolean().optional() });

const stageName = z.string().max(200, "At most 200 characters.");
const probability = z.number({ error: "Enter a whole number of percent." }).int("A whole number of percent.").min(0, "From 0 to 100.").max(100, "From 0 to 100.");
export const createStageInput = z.object({ name: stageName, probability });
export const updateStageInput = z.object({ stageId: z.uuid("must be a stage id"), name: stageName.optional(), probability: probability.optional() });
export const moveStageInput = z.object({ stageId: z.uuid("must be a stage id"), direction: z.enum(["up", "down"]) });
export const deleteStageInput = z.object({ stageId: z.uuid("must be a stage id"), targetStageId: z.uuid("must be a stage id").nullish() });

const points = z.number({ error: "Enter a number." });
export const setWeightInput = z.object({
  attribute: z.string().max(40),
  value: z.string().max(200).nullish(),
  points,
  maxPoints: points.nullish(),
});
export const removeWeightInput = z.object({ attribute: z.string().max(40), value: z.string().max(200).nullish() });
export const scoreBandsInput = z.object({ period: periodInput, ownerId: z.uuid("must be a user id").nullish() });
