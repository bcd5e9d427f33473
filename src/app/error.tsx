"use client";
import { ErrorView } from "@/components/error-view";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main" className="min-h-screen bg-slate-50 px-4">
      <ErrorView error={error} retry={retry} />
    </main>
  );
}
