"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { buttonClass, ErrorText, inputClass, Spinner, SuccessText } from "@/components/ui";

/** Records a check-in (or a review on the cadence): the server measures today's value and status. */
export function CheckInForm({ goalId }: { goalId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [note, setNote] = useState("");
  const [isReview, setIsReview] = useState(true);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const save = useMutation(
    trpc.goals.checkIn.mutationOptions({
      onSuccess: () => {
        setNote("");
        setStatus({ ok: true, text: isReview ? "Review recorded." : "Check-in recorded." });
        router.refresh();
      },
      onError: (e) => setStatus({ ok: false, text: toFormError(e, ["note", "goalId"]).message }),
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    setStatus(null);
    save.mutate({ goalId, note, isReview });
  }
  return (
    <form onSubmit={submit} className="space-y-3" data-testid="check-in-form">
      <div>
        <label htmlFor="check-in-note" className="mb-1 block text-sm font-medium text-slate-700">
          Note
        </label>
        <textarea id="check-in-note" rows={3} maxLength={2000} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="check-in-hint" />
        <p id="check-in-hint" className="mt-1 text-xs text-slate-500">
          Today&apos;s value and status are measured and saved with the note. A review needs a note.
        </p>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={isReview} onChange={(e) => setIsReview(e.target.checked)} />
        This is the scheduled review
      </label>
      {status ? (status.ok ? <SuccessText testId="check-in-ok">{status.text}</SuccessText> : <ErrorText testId="check-in-error">{status.text}</ErrorText>) : null}
      <button type="submit" className={buttonClass} disabled={save.isPending} data-testid="check-in-save">
        {save.isPending ? <Spinner /> : null}
        Record check-in
      </button>
    </form>
  );
}
