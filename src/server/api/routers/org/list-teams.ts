import { roleProcedure } from "@/server/api/trpc";
import { listTeams } from "@/server/org/members";

export const listTeamsProcedure = roleProcedure("org:manageUsers").query(({ ctx }) => listTeams(ctx));
