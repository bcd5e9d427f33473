import { z } from "zod";
import { publicProcedure } from "@/server/api/trpc";
import { signUp } from "@/server/org/sign-up";
import { newPasswordSchema, refineNotEmail } from "@/server/auth/password-rules";

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(120),
  email: z.email("Enter a valid email address.").max(200),
  password: newPasswordSchema,
  organizationName: z.string().trim().min(2, "Enter your company's name.").max(120),
}).superRefine(refineNotEmail("password"));

export const signUpProcedure = publicProcedure
  .input(signUpInput)
  .mutation(async ({ ctx, input }) => signUp(await ctx.getDb(), input));
