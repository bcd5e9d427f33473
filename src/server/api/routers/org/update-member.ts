import { roleProcedure } from "@/server/api/trpc";
import { updateMember } from "@/server/org/members";
import { updateMemberInput } from "./members.schemas";

export const updateMemberProcedure = roleProcedure("org:manageUsers").input(updateMemberInput).mutation(({ ctx, input }) => updateMember(ctx, input));
