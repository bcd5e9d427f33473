import type { Metadata } from "next";
import { SignOutButton } from "@/components/sign-out-button";

export const metadata: Metadata = { title: "No access" };

/** Shown when the signed-in user is no longer an active member of the organization in their session. */
export default function NoAccessPage() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="max-w-md text-center">
        <h1 data-testid="no-access-title" className="text-2xl font-semibold tracking-tight text-slate-900">
          You no longer have access to this organization
        </h1>
        <p className="mt-3 text-sm text-slate-600">
          Your membership was removed or deactivated. Sign out and sign in again to use another organization you belong to,
          or ask your CRM manager to restore your access.
        </p>
        <div className="mt-6 flex justify-center">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
