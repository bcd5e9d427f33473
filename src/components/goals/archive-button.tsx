"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { dangerButtonClass, ErrorText, secondaryButtonClass, Spinner } from "@/components/ui";

/** Archive (after a confirmation) or restore a goal. Archiving keeps its history; it leaves lists and dashboards. */
export function ArchiveButton({ goalId, archived, title }: { goalId: string; archived: boolean; title: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const m = useMutation(
    trpc.goals.archive.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        router.refresh();
      },
      onError: (e) => setError(toFormError(e).message),
    }),
  );
  if (archived) {
    return (
      <button type="button" className={secondaryButtonClass} onClick={() => m.mutate({ goalId, archived: false })} disabled={m.isPending} data-testid="goal-restore">
        {m.isPending ? <Spinner /> : null}Restore
      </button>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      {confirming ? (
        <span role="group" aria-label="Confirm archiving" className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          Archive “{title}”? It leaves the lists and dashboards; its history is kept.
          <button type="button" className={dangerButtonClass} onClick={() => m.mutate({ goalId, archived: true })} disabled={m.isPending} data-testid="goal-archive-confirm" autoFocus>
            {m.isPending ? <Spinner /> : null}Archive
          </button>
          <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(true)} data-testid="goal-archive">
          Archive
        </button>
      )}
      {error ? <ErrorText testId="goal-archive-error">{error}</ErrorText> : null}
    </div>
  );
}
