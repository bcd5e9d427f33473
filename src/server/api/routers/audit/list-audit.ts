import { roleProcedure } from "@/server/api/trpc";
import { auditListInput, listAudit } from "@/server/audit/list";

/** The audit log (CRM manager). There is deliberately no procedure that changes it. */
export const listAuditProcedure = roleProcedure("audit:read").input(auditListInput).query(({ ctx, input }) => listAudit(ctx, input));
