import { roleProcedure } from "@/server/api/trpc";
import { listMembers } from "@/server/org/members";

export const listMembersProcedure = roleProcedure("org:manageUsers").query(({ ctx }) => listMembers(ctx));
