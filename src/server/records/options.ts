// Choices for a reference field of a record form or filter (owners, accounts, stages ...): names only.
import { isStaff } from "@/server/auth/permissions";
import { UserError } from "@/server/errors";
import type { RecordType } from "./definition";
import { fieldOf } from "./definition";
import { labelsOf, searchNamed } from "./refs";
import { allowedDefinition, type RecordCtx } from "./service";

export async function recordOptions(ctx: RecordCtx, input: { type: RecordType; field: string; q?: string }) {
  const def = allowedDefinition(ctx, input.type);
  const f = fieldOf(def, input.field);
  if (!f || f.kind !== "ref") throw new UserError(`field: ${def.plural} have no linked field "${input.field}".`);
  // staff own what they create: the only owner they can pick is themselves
  if (f.ref === "user" && isStaff(ctx.role)) {
    const me = await labelsOf(ctx, "user", [ctx.userId], { liveOnly: true });
    return [...me].map(([id, label]) => ({ id, label }));
  }
  return searchNamed(ctx, f.ref!, input.q ?? "", f.ref === "user" || f.ref === "stage" || f.ref === "campaign" ? 500 : 20);
}
