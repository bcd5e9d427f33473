"use client";
import Link from "next/link";
import { useEffect } from "react";
import { DATABASE_DOWN_DIGEST, GENERIC_MESSAGE, mentionsDatabaseDown } from "./errors";
import { buttonClass, secondaryButtonClass } from "./ui";

const DATABASE_MESSAGE = "The database is unavailable right now. Try again in a minute; if it persists, tell your administrator.";

/** The body of an error boundary: a plain sentence and "Try again"; never a stack trace. */
export function ErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  const dbDown = digest === DATABASE_DOWN_DIGEST || mentionsDatabaseDown(message);
  return (
    <div className="mx-auto max-w-lg py-12 text-center" data-testid="error-view">
      <p className="text-sm font-semibold text-indigo-600">Error</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{dbDown ? "The database is unavailable" : "Something went wrong"}</h1>
      <p className="mt-3 text-sm text-slate-600" data-testid="error-message">
        {dbDown ? DATABASE_MESSAGE : GENERIC_MESSAGE}
      </p>
      {digest ? <p className="mt-2 text-xs text-slate-400">Reference: {digest}</p> : null}
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" className={buttonClass} onClick={() => retry()}>
          Try again
        </button>
        <Link href="/" className={secondaryButtonClass}>
          Go to home
        </Link>
      </div>
    </div>
  );
}
