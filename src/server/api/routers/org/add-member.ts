import { roleProcedure } from "@/server/api/trpc";
import { addMember } from "@/server/org/members";
import { addMemberInput } from "./members.schemas";

export const addMemberProcedure = roleProcedure("org:manageUsers").input(addMemberInput).mutation(({ ctx, input }) => addMember(ctx, input));
