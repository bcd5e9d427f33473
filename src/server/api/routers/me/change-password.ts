import { z } from "zod";
import { orgProcedure } from "@/server/api/trpc";
import { changePassword } from "@/server/auth/account";
import { newPasswordSchema, PASSWORD_MAX } from "@/server/auth/password-rules";

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX),
  newPassword: newPasswordSchema,
});

/** Changes the caller's password (the rules of password-rules.ts, not their email) and ends every session. */
export const changePasswordProcedure = orgProcedure.input(changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx, input));
