import { z } from "zod";
import { ROLES } from "@/server/auth/permissions";
import { newPasswordSchema, refineNotEmail } from "@/server/auth/password-rules";

export const roleSchema = z.enum(ROLES, { message: `role must be one of ${ROLES.join(", ")}` });

export const addMemberInput = z.object({
  email: z.email("Enter a valid email address.").max(200),
  name: z.string().trim().min(1, "Enter the person's name.").max(120),
  role: roleSchema,
  teamId: z.uuid("teamId must be a team id.").nullish(),
  password: newPasswordSchema.optional(),
}).superRefine(refineNotEmail("password"));

export const updateMemberInput = z.object({
  membershipId: z.uuid("membershipId must be a member id."),
  role: roleSchema.optional(),
  teamId: z.uuid("teamId must be a team id.").nullish(),
  active: z.boolean().optional(),
});

export const createTeamInput = z.object({ name: z.string().trim().min(1, "Enter a team name.").max(80) });
