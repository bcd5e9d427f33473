import { roleProcedure } from "@/server/api/trpc";
import { createTeam } from "@/server/org/members";
import { createTeamInput } from "./members.schemas";

export const createTeamProcedure = roleProcedure("org:manageUsers").input(createTeamInput).mutation(({ ctx, input }) => createTeam(ctx, input));
