"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { formatCount } from "@/components/format";
import { buttonClass, cardClass, dangerButtonClass, ErrorText, secondaryButtonClass, SuccessText, TextField } from "@/components/ui";

type Stage = RouterOutputs["pipeline"]["listStages"][number];
type Status = { kind: "ok" | "error"; text: string } | null;

/** Stage settings: add, rename, set probability, reorder and remove the pipeline's stages. */
export function StageSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stages = useQuery(trpc.pipeline.listStages.queryOptions());
  const [status, setStatus] = useState<Status>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.pipeline.listStages.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.pipeline.getBoard.pathKey() })]);
  const done = (text: string) => { setStatus({ kind: "ok", text }); void refresh(); };
  const failed = (e: unknown) => setStatus({ kind: "error", text: toFormError(e).message });
  const move = useMutation(trpc.pipeline.moveStage.mutationOptions({ onSuccess: () => done("Order saved."), onError: failed }));

  if (stages.isPending) return <p className="text-sm text-slate-500">Loading stages…</p>;
  if (stages.error) return <ErrorText testId="stages-error">Could not load the stages: {toFormError(stages.error).message}</ErrorText>;
  const all = stages.data;
  const open = all.filter((s) => s.kind === "OPEN");
  return (
    <div className="space-y-4">
      <div aria-live="polite" className="empty:hidden">
        {status?.kind === "error" ? <ErrorText testId="stage-settings-error">{status.text}</ErrorText> : null}
        {status?.kind === "ok" ? <SuccessText testId="stage-settings-success">{status.text}</SuccessText> : null}
      </div>
      <ol className="space-y-2">
        {all.map((s) => (
          <li key={s.id} className={`${cardClass} p-4`} data-testid="stage-row">
            <StageRow
              stage={s}
              others={all.filter((o) => o.id !== s.id && o.kind === s.kind)}
              first={open[0]?.id === s.id}
              last={open[open.length - 1]?.id === s.id}
              onMove={(direction) => { setStatus(null); move.mutate({ stageId: s.id, direction }); }}
              onDone={done}
              onError={failed}
            />
          </li>
        ))}
      </ol>
      <AddStage onDone={done} />
    </div>
  );
}

function StageRow({ stage: s, others, first, last, onMove, onDone, onError }: {
  stage: Stage; others: Stage[]; first: boolean; last: boolean;
  onMove: (d: "up" | "down") => void; onDone: (t: string) => void; onError: (e: unknown) => void;
}) {
  const trpc = useTRPC();
  const [name, setName] = useState(s.name);
  const [probability, setProbability] = useState(String(s.probability));
  const [removing, setRemoving] = useState(false);
  const [target, setTarget] = useState(others[0]?.id ?? "");
  const update = useMutation(trpc.pipeline.updateStage.mutationOptions({ onSuccess: (r) => onDone(r.changed ? `Saved "${name.trim()}".` : "Nothing changed."), onError }));
  const remove = useMutation(trpc.pipeline.deleteStage.mutationOptions({
    onSuccess: (r) => { setRemoving(false); onDone(`Removed "${s.name}"${r.movedDeals ? `; ${r.movedDeals} deal(s) moved` : ""}.`); },
    onError,
  }));
  const save = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ stageId: s.id, name, probability: Number(probability) });
  };
  return (
    <div className="space-y-3">
      <form onSubmit={save} className="flex flex-wrap items-end gap-3">
        <TextField id={`stage-name-${s.id}`} label="Name" value={name} onChange={(e) => setName(e.target.value)} className="min-w-48 flex-1" />
        <TextField id={`stage-prob-${s.id}`} label="Win probability %" type="number" min={0} max={100} step={1} value={probability} onChange={(e) => setProbability(e.target.value)} className="w-36" />
        <p className="pb-2 text-xs text-slate-500">{s.kind === "OPEN" ? "Open" : s.kind === "WON" ? "Won" : "Lost"} · {formatCount(s.openDeals)} open deal{s.openDeals === 1 ? "" : "s"} · {formatCount(s.deals)} in all</p>
        <button type="submit" className={secondaryButtonClass} disabled={update.isPending}>Save</button>
        {s.kind === "OPEN" ? (
          <>
            <button type="button" className={secondaryButtonClass} disabled={first} onClick={() => onMove("up")} aria-label={`Move ${s.name} up`}>↑</button>
            <button type="button" className={secondaryButtonClass} disabled={last} onClick={() => onMove("down")} aria-label={`Move ${s.name} down`}>↓</button>
          </>
        ) : null}
        <button type="button" className={dangerButtonClass} onClick={() => setRemoving((x) => !x)} aria-expanded={removing}>Remove…</button>
      </form>
      {removing ? (
        <div className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="remove-stage-confirm">
          <p>
            Remove the stage <strong>{s.name}</strong>? This cannot be undone.
            {s.deals > 0 ? ` Its ${formatCount(s.deals)} deal(s) move to the stage you choose; the move is recorded in each deal's history.` : " No deal sits in it."}
          </p>
          {s.deals > 0 ? (
            <label className="mt-2 flex items-center gap-2">
              Move its deals to
              <select value={target} onChange={(e) => setTarget(e.target.value)} className="rounded border border-slate-300 bg-white px-2 py-1">
                {others.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            </label>
          ) : null}
          <div className="mt-3 flex gap-2">
            <button type="button" className={dangerButtonClass} disabled={remove.isPending} onClick={() => remove.mutate({ stageId: s.id, targetStageId: s.deals > 0 ? target || null : null })}>
              Remove {s.name}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setRemoving(false)}>Cancel</button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function AddStage({ onDone }: { onDone: (t: string) => void }) {
  const trpc = useTRPC();
  const [name, setName] = useState("");
  const [probability, setProbability] = useState("50");
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(trpc.pipeline.createStage.mutationOptions({
    onSuccess: () => { onDone(`Added "${name.trim()}".`); setName(""); setError(null); },
    onError: (e) => setError(toFormError(e).message),
  }));
  return (
    <form className={`${cardClass} flex flex-wrap items-end gap-3 p-4`} onSubmit={(e) => { e.preventDefault(); create.mutate({ name, probability: Number(probability) }); }}>
      <TextField id="new-stage-name" label="New stage" value={name} onChange={(e) => setName(e.target.value)} className="min-w-48 flex-1" hint="Added after the last open stage." />
      <TextField id="new-stage-prob" label="Win probability %" type="number" min={0} max={100} step={1} value={probability} onChange={(e) => setProbability(e.target.value)} className="w-36" />
      <button type="submit" className={buttonClass} disabled={create.isPending}>Add stage</button>
      {error ? <ErrorText testId="add-stage-error" className="w-full">{error}</ErrorText> : null}
    </form>
  );
}
