import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui";

export const metadata: Metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-indigo-600">403</p>
        <h1 data-testid="forbidden-title" className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">
          Your role does not allow this page
        </h1>
        <p className="mt-3 text-sm text-slate-600">
          Ask your CRM manager if you need access. Switching to another organization may also give you a different role.
        </p>
        <Link href="/" className={`${buttonClass} mt-6`}>
          Go to home
        </Link>
      </div>
    </main>
  );
}
