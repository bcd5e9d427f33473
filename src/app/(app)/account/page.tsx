import type { Metadata } from "next";
import { requireSession } from "@/server/auth/session";
import { SESSION_HOURS } from "@/server/auth/options";
import { cardClass } from "@/components/ui";
import { AccountSecurity } from "./account-security";

export const metadata: Metadata = { title: "Account security" };

export default async function AccountPage() {
  const session = await requireSession();
  return (
    <div>
      <header className="mb-8">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Account security</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signed in as {session.user.email}. A session lasts {SESSION_HOURS} hours after your last visit.
        </p>
      </header>
      <div className={`${cardClass} max-w-xl p-6`}>
        <AccountSecurity email={session.user.email} />
      </div>
    </div>
  );
}
