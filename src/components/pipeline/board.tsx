"use client";
import { useState, type DragEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient, type RouterOutputs } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { formatCount, formatMoney } from "@/components/format";
import { ErrorText, secondaryButtonClass, SelectField, Spinner } from "@/components/ui";
import { useHydrated } from "@/components/use-hydrated";

type Board = RouterOutputs["pipeline"]["getBoard"];
type Card = Board["stages"][number]["deals"][number];

const KIND_STYLE: Record<string, string> = { OPEN: "border-slate-200", WON: "border-emerald-300", LOST: "border-rose-300" };

/** Moves a card between columns in the cached board and fixes both columns' totals (optimistic update). */
function moveInBoard(board: Board, card: Card, toStageId: string): Board {
  return {
    ...board,
    stages: board.stages.map((s) => {
      if (s.id === card.stageId) return { ...s, count: s.count - 1, value: s.value - card.amount, deals: s.deals.filter((d) => d.id !== card.id) };
      if (s.id === toStageId) return { ...s, count: s.count + 1, value: s.value + card.amount, deals: [{ ...card, stageId: toStageId }, ...s.deals] };
      return s;
    }),
  };
}

export function PipelineBoard({ canPickOwner }: { canPickOwner: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [ownerId, setOwnerId] = useState<string>("");
  const input = ownerId ? { ownerId } : {};
  const boardKey = trpc.pipeline.getBoard.queryKey(input);
  const board = useQuery(trpc.pipeline.getBoard.queryOptions(input));
  const owners = useQuery({ ...trpc.kpi.getFilterOptions.queryOptions({ roles: ["SALES_REP", "SALES_MANAGER"] }), enabled: canPickOwner });
  // cards loaded with "show more", per column
  const [extra, setExtra] = useState<Record<string, Card[]>>({});
  const [loadingMore, setLoadingMore] = useState<string | null>(null);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [dragOver, setDragOver] = useState<string | null>(null);
  // cards arrive in the server HTML; until React is attached, a drop or a "Move to" choice would be lost
  const hydrated = useHydrated();

  const move = useMutation(
    trpc.pipeline.moveDeal.mutationOptions({
      onMutate: async (vars) => {
        setStatus(null);
        await queryClient.cancelQueries({ queryKey: boardKey });
        const previous = queryClient.getQueryData<Board>(boardKey);
        const previousExtra = extra;
        const card = findCard(vars.dealId);
        if (previous && card) {
          queryClient.setQueryData<Board>(boardKey, moveInBoard(previous, card, vars.toStageId));
          setExtra((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v.filter((d) => d.id !== card.id)])));
        }
        return { previous, previousExtra, card };
      },
      onError: (e, _vars, ctx) => {
        // roll back to what the server had
        if (ctx?.previous) queryClient.setQueryData(boardKey, ctx.previous);
        if (ctx?.previousExtra) setExtra(ctx.previousExtra);
        setStatus({ kind: "error", text: `Could not move "${ctx?.card?.name ?? "the deal"}": ${toFormError(e).message}` });
      },
      onSuccess: (r, vars, ctx) => {
        const stage = board.data?.stages.find((s) => s.id === vars.toStageId);
        if (r.changed) setStatus({ kind: "ok", text: `"${ctx?.card?.name}" moved to ${stage?.name ?? "the stage"}${r.status === "WON" ? " — won" : r.status === "LOST" ? " — lost" : ""}.` });
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.pipeline.getBoard.pathKey() }),
    }),
  );

  function findCard(dealId: string): Card | undefined {
    for (const s of board.data?.stages ?? []) {
      const c = [...s.deals, ...(extra[s.id] ?? [])].find((d) => d.id === dealId);
      if (c) return c;
    }
  }
  function moveCard(card: Card, toStageId: string) {
    if (toStageId && toStageId !== card.stageId) move.mutate({ dealId: card.id, toStageId, fromStageId: card.stageId });
  }
  async function showMore(stageId: string, shown: number) {
    setLoadingMore(stageId);
    try {
      const r = await client.pipeline.getStageDeals.query({ stageId, offset: shown, ...(ownerId ? { ownerId } : {}) });
      setExtra((e) => ({ ...e, [stageId]: [...(e[stageId] ?? []), ...r.deals] }));
    } catch (e) {
      setStatus({ kind: "error", text: `Could not load more deals: ${toFormError(e).message}` });
    } finally {
      setLoadingMore(null);
    }
  }
  function onDrop(e: DragEvent, stageId: string) {
    e.preventDefault();
    setDragOver(null);
    const card = findCard(e.dataTransfer.getData("text/x-deal-id"));
    if (card) moveCard(card, stageId);
  }

  const stages = board.data?.stages ?? [];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        {canPickOwner ? (
          <SelectField id="board-owner" label="Owner" value={ownerId} onChange={(e) => { setOwnerId(e.target.value); setExtra({}); }} className="w-64">
            <option value="">Everyone</option>
            {(owners.data?.owners ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        ) : (
          <p className="text-sm text-slate-600">Your deals.</p>
        )}
        <p className="text-xs text-slate-500">Drag a card to another column, or use its “Move to” menu. Won and lost columns show the last {board.data?.closedDays ?? 30} days.</p>
      </div>
      <div aria-live="polite" className="empty:hidden">
        {status?.kind === "error" ? <ErrorText testId="board-error">{status.text}</ErrorText> : null}
        {status?.kind === "ok" ? <p data-testid="board-status" className="text-sm text-emerald-700">{status.text}</p> : null}
      </div>
      {board.isPending ? (
        <p className="text-sm text-slate-500" data-testid="board-loading">
          Loading the pipeline…
        </p>
      ) : board.error ? (
        <ErrorText testId="board-load-error">Could not load the pipeline: {toFormError(board.error).message}</ErrorText>
      ) : (
        <div className="flex gap-3 overflow-x-auto pb-4" data-testid="pipeline-board" data-hydrated={hydrated ? "true" : "false"}>
          {stages.map((s) => {
            const cards = [...s.deals, ...(extra[s.id] ?? []).filter((d) => !s.deals.some((x) => x.id === d.id))];
            return (
              <section
                key={s.id}
                aria-labelledby={`stage-${s.id}`}
                data-testid={`stage-${s.name}`}
                onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = "move"; setDragOver(s.id); }}
                onDragLeave={() => setDragOver((x) => (x === s.id ? null : x))}
                onDrop={(e) => onDrop(e, s.id)}
                className={`flex w-64 shrink-0 flex-col rounded-xl border-2 bg-slate-100/70 ${dragOver === s.id ? "border-indigo-400 bg-indigo-50" : KIND_STYLE[s.kind]}`}
              >
                <header className="border-b border-slate-200 px-3 py-2">
                  <h2 id={`stage-${s.id}`} className="text-sm font-semibold text-slate-900">
                    {s.name}
                  </h2>
                  <p className="text-xs text-slate-600" data-testid="stage-totals">
                    <span data-testid="stage-count">{formatCount(s.count)}</span> {s.count === 1 ? "deal" : "deals"} · <span data-testid="stage-value">{formatMoney(s.value)}</span>
                  </p>
                </header>
                <ul className="flex min-h-24 flex-col gap-2 p-2">
                  {cards.length === 0 ? <li className="px-1 py-3 text-center text-xs text-slate-500">No deals</li> : null}
                  {cards.map((d) => (
                    <li
                      key={d.id}
                      draggable={hydrated}
                      onDragStart={(e) => { e.dataTransfer.setData("text/x-deal-id", d.id); e.dataTransfer.effectAllowed = "move"; }}
                      data-testid="deal-card"
                      className="cursor-grab rounded-lg border border-slate-200 bg-white p-2.5 text-sm shadow-sm active:cursor-grabbing"
                    >
                      <p className="font-medium text-slate-900">{d.name}</p>
                      <p className="text-xs text-slate-600">
                        {formatMoney(d.amount)}
                        {d.accountName ? ` · ${d.accountName}` : ""}
                      </p>
                      {canPickOwner && d.ownerName ? <p className="text-xs text-slate-500">{d.ownerName}</p> : null}
                      <label className="mt-2 block text-xs text-slate-600">
                        <span className="sr-only">Move {d.name} to</span>
                        <select
                          value=""
                          onChange={(e) => moveCard(d, e.target.value)}
                          disabled={!hydrated}
                          className="block w-full rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
                          aria-label={`Move ${d.name} to`}
                        >
                          <option value="">Move to…</option>
                          {stages.filter((x) => x.id !== s.id).map((x) => (
                            <option key={x.id} value={x.id}>
                              {x.name}
                            </option>
                          ))}
                        </select>
                      </label>
                    </li>
                  ))}
                </ul>
                {cards.length < s.count ? (
                  <div className="px-2 pb-2">
                    <button type="button" className={`${secondaryButtonClass} w-full`} onClick={() => showMore(s.id, cards.length)} disabled={loadingMore === s.id || !hydrated}>
                      {loadingMore === s.id ? <Spinner /> : null} Show more ({formatCount(s.count - cards.length)})
                    </button>
                  </div>
                ) : null}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
