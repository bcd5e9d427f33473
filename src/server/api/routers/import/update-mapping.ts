import { updateMapping } from "@/server/import/jobs";
import { importProcedure, updateMappingInput } from "./import.schemas";

export const updateMappingProcedure = importProcedure
  .input(updateMappingInput)
  .mutation(({ ctx, input }) => updateMapping(ctx, input.jobId, { mapping: input.mapping, duplicateMode: input.duplicateMode, dateFormat: input.dateFormat }));
