import { roleProcedure } from "@/server/api/trpc";
import { getLeadConversionBy } from "@/server/kpi/reports";
import { leadConversionByInput } from "./kpi.schemas";

/** Lead conversion broken down by source or by campaign. */
export const getLeadConversionByProcedure = roleProcedure("kpi:sales").input(leadConversionByInput).query(({ ctx, input }) => getLeadConversionBy(ctx, input));
