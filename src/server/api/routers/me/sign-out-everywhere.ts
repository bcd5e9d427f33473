import { orgProcedure } from "@/server/api/trpc";
import { signOutEverywhere } from "@/server/auth/account";

/** Ends every session of the caller (all browsers and devices, this one included). */
export const signOutEverywhereProcedure = orgProcedure.mutation(({ ctx }) => signOutEverywhere(ctx));
