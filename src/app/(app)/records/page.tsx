import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireSession } from "@/server/auth/session";
import { isStaff } from "@/server/auth/permissions";
import { typeAllowed } from "@/server/records/access";
import { RECORD_DEFINITIONS } from "@/server/records/registry";
import { cardClass } from "@/components/ui";

export const metadata: Metadata = { title: "Records · Sasaran" };

/** The record types the role can open. */
export default async function RecordsPage() {
  const { user } = await requireSession();
  const defs = Object.values(RECORD_DEFINITIONS).filter((d) => typeAllowed(user.role, d));
  if (!defs.length) redirect("/forbidden");
  return (
    <div>
      <header className="mb-8">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Records</h1>
        <p className="mt-1 text-sm text-slate-600">
          {isStaff(user.role) ? "Your own records: the ones you own or are assigned." : "Every record of your area. Each change is kept in the record's history."}
        </p>
      </header>
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {defs.map((d) => (
          <li key={d.type}>
            <Link href={`/records/${d.type}`} className={`${cardClass} block p-5 hover:border-indigo-300`}>
              <span className="text-base font-semibold text-slate-900">{d.plural}</span>
              <span className="mt-1 block text-sm text-slate-600">Search, filter, export, create and edit {d.plural.toLowerCase()}.</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
