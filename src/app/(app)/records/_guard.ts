import "server-only";
import { notFound, redirect } from "next/navigation";
import { requireSession } from "@/server/auth/session";
import { typeAllowed } from "@/server/records/access";
import { definitionOf, isRecordType } from "@/server/records/registry";

/** Page guard for a record type: a known type (else 404) the role may open (else 403). */
export async function requireRecordType(type: string) {
  if (!isRecordType(type)) notFound();
  const session = await requireSession();
  const def = definitionOf(type);
  if (!typeAllowed(session.user.role, def)) redirect("/forbidden");
  return { session, def, type };
}
