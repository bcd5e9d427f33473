import { authedProcedure } from "@/server/api/trpc";

/** The signed-in user and the organizations they can switch between. */
export const getMeProcedure = authedProcedure.query(async ({ ctx }) => {
  const db = await ctx.getDb();
  const user = await db.user.findUnique({
    where: { id: ctx.caller.userId },
    select: {
      id: true, email: true, name: true,
      memberships: { where: { active: true }, orderBy: { createdAt: "asc" }, select: { organizationId: true, role: true, organization: { select: { name: true } } } },
    },
  });
  if (!user) return null;
  return {
    id: user.id, email: user.email, name: user.name,
    activeOrganizationId: ctx.caller.organizationId,
    organizations: user.memberships.map((m) => ({ id: m.organizationId, name: m.organization.name, role: m.role })),
  };
});
