import { z } from "zod";
import { orgProcedure } from "@/server/api/trpc";
import { ROLES } from "@/server/auth/permissions";
import { getFilterOptions } from "@/server/kpi/filter-options";

/** Owners and teams to filter dashboards by (any member: names of colleagues and teams only). */
export const getFilterOptionsProcedure = orgProcedure
  .input(z.object({ roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).default([...ROLES]) }))
  .query(({ ctx, input }) => getFilterOptions(ctx, input));
