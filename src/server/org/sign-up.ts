import type { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/server/auth/password";
import { UserError } from "@/server/errors";
import { DEFAULT_PIPELINE_STAGES } from "./defaults";

export function slugify(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "org";
}

/** Creates a user and a new organization whose first member is its CRM manager. */
export async function signUp(db: PrismaClient, input: { name: string; email: string; password: string; organizationName: string }) {
  const email = input.email.trim().toLowerCase();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new UserError("An account with this email already exists. Sign in instead, or use another email.");
  }
  const passwordHash = await hashPassword(input.password);
  const base = slugify(input.organizationName);
  const taken = await db.organization.count({ where: { slug: { startsWith: base } } });
  const slug = taken ? `${base}-${taken + 1}` : base;
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email, name: input.name.trim(), passwordHash }, select: { id: true, email: true } });
    const org = await tx.organization.create({ data: { name: input.organizationName.trim(), slug }, select: { id: true, name: true } });
    await tx.membership.create({ data: { organizationId: org.id, userId: user.id, role: "CRM_MANAGER" } });
    await tx.pipelineStage.createMany({ data: DEFAULT_PIPELINE_STAGES.map((s) => ({ ...s, organizationId: org.id })) });
    await tx.auditLog.create({ data: { organizationId: org.id, actorId: user.id, action: "create", entityType: "Organization", entityId: org.id, changes: { name: org.name } } });
    return { userId: user.id, organizationId: org.id };
  });
}
