"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { ConfirmDialog } from "@/components/records/confirm-dialog";
import { buttonClass, cardClass, dangerButtonClass, ErrorText, secondaryButtonClass, Spinner, SuccessText } from "@/components/ui";
import { ACTION_LABELS, ENTITY_LABELS, TRIGGER_LABELS } from "@/server/automation/rule-input";
import { DryRunResult } from "./dry-run-result";
import { draftOf, emptyDraft, RuleForm, type Draft } from "./rule-form";

type Rule = RouterOutputs["automation"]["listRules"][number];
type Options = RouterOutputs["automation"]["getFormOptions"];

export function AutomationManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.automation.listRules.queryOptions());
  const options = useQuery(trpc.automation.getFormOptions.queryOptions());
  const [editing, setEditing] = useState<{ ruleId?: string; draft: Draft; key: number } | null>(null);
  const [message, setMessage] = useState<{ ok?: string; error?: string }>({});
  const template = useMutation(
    trpc.automation.createExampleRules.mutationOptions({
      onSuccess: () => { setMessage({ ok: "The two example rules were added, switched off. Test them, then switch them on." }); void queryClient.invalidateQueries({ queryKey: trpc.automation.listRules.queryKey() }); },
      onError: (e) => setMessage({ error: toFormError(e, ["campaignId"]).message }),
    }),
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap gap-3">
        <button type="button" className={buttonClass} onClick={() => setEditing({ draft: emptyDraft(), key: Date.now() })}>New rule</button>
        <button type="button" className={secondaryButtonClass} disabled={template.isPending} onClick={() => template.mutate({ active: false })}>
          {template.isPending ? <Spinner /> : null} Add the example rules (deal above / below 500)
        </button>
      </div>
      {message.ok ? <SuccessText testId="automation-message">{message.ok}</SuccessText> : null}
      {message.error ? <ErrorText testId="automation-error">{message.error}</ErrorText> : null}
      {editing ? <RuleForm key={editing.key} ruleId={editing.ruleId} initial={editing.draft} onDone={() => setEditing(null)} /> : null}

      <section aria-labelledby="rules-heading" className={cardClass}>
        <h2 id="rules-heading" className="border-b border-slate-200 px-5 py-4 text-base font-semibold text-slate-900">Rules</h2>
        {rules.isPending ? (
          <p className="px-5 py-6 text-sm text-slate-500">Loading rules…</p>
        ) : rules.error ? (
          <div className="px-5 py-6"><ErrorText testId="rules-load-error">Could not load the rules: {toFormError(rules.error).message}</ErrorText></div>
        ) : rules.data.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-500">No rules yet. Add one, or start from the example rules.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="rules-list">
            {rules.data.map((r) => <RuleRow key={r.id} rule={r} options={options.data} onEdit={() => setEditing({ ruleId: r.id, draft: draftOf(r), key: Date.now() })} />)}
          </ul>
        )}
      </section>
    </div>
  );
}

/** "value above 500 and source is web" in words, with names instead of ids. */
function describe(rule: Rule, o?: Options) {
  const name = (list: { id: string; name: string }[] | undefined, id: string) => list?.find((x) => x.id === id)?.name ?? "…";
  const when = `When a ${ENTITY_LABELS[rule.entity].toLowerCase()} ${rule.trigger === "IDLE" ? `is idle for ${rule.idleDays} days` : TRIGGER_LABELS[rule.trigger]}`;
  const ifs = rule.conditions.map((c) => {
    const op = c.op === "gt" ? "above" : c.op === "lt" ? "below" : c.op === "is" ? "is" : "is not";
    const value = c.field === "stage" && rule.entity === "DEAL" ? name(o?.stages, String(c.value)) : c.field === "owner" ? (c.value === "none" ? "nobody" : name(o?.users, String(c.value))) : String(c.value);
    return `${c.field} ${op} ${value}`;
  });
  const thens = rule.actions.map((a) => {
    if (a.type === "createTask") return `${a.activityType.toLowerCase()} task "${a.subject}" for the owner, due in ${a.dueInHours} h`;
    if (a.type === "assignUser") return `assign to ${name(o?.users, a.userId)}`;
    if (a.type === "assignRoundRobin") return `assign round-robin in ${name(o?.teams, a.teamId)}`;
    if (a.type === "addToCampaign") return `add the lead to ${name(o?.campaigns, a.campaignId)}`;
    return `notify ${a.to === "owner" ? "the owner" : name(o?.users, a.to)}: "${a.message}"`;
  });
  return `${when}${ifs.length ? `, if ${ifs.join(" and ")}` : ""}: ${thens.join("; ")}.`;
}

function RuleRow({ rule, options, onEdit }: { rule: Rule; options?: Options; onEdit: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [showRuns, setShowRuns] = useState(false);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.automation.listRules.queryKey() });
  const toggle = useMutation(trpc.automation.setRuleActive.mutationOptions({ onMutate: () => setError(null), onError: (e) => setError(toFormError(e).message), onSettled: invalidate }));
  const remove = useMutation(trpc.automation.deleteRule.mutationOptions({ onError: (e) => setError(toFormError(e).message), onSettled: () => { setConfirming(false); void invalidate(); } }));
  const test = useMutation(trpc.automation.testRule.mutationOptions({ onMutate: () => setError(null), onError: (e) => setError(toFormError(e).message) }));
  const input = { name: rule.name, entity: rule.entity, trigger: rule.trigger, idleDays: rule.idleDays, conditions: rule.conditions, actions: rule.actions };

  return (
    <li className="space-y-3 px-5 py-4" data-testid="rule-row">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">
            <span data-testid="rule-name">{rule.name}</span>{" "}
            <span data-testid="rule-state" className={`ml-1 rounded px-1.5 py-0.5 text-xs font-semibold ${rule.active ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-600"}`}>{rule.active ? "on" : "off"}</span>
          </p>
          <p className="text-sm text-slate-600">{describe(rule, options)}</p>
          <p className="mt-1 text-xs text-slate-500">
            {rule.runCount} {rule.runCount === 1 ? "run" : "runs"}{rule.lastRunAt ? ` · last ${new Date(rule.lastRunAt).toLocaleString()}` : ""}
            {" · "}actions: {rule.actions.map((a) => ACTION_LABELS[a.type].toLowerCase()).join(", ")}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={secondaryButtonClass} disabled={toggle.isPending} onClick={() => toggle.mutate({ ruleId: rule.id, active: !rule.active })}>
            {rule.active ? `Switch off ${rule.name}` : `Switch on ${rule.name}`}
          </button>
          <button type="button" className={secondaryButtonClass} disabled={test.isPending} onClick={() => test.mutate(input)}>{test.isPending ? <Spinner /> : null} Test</button>
          <button type="button" className={secondaryButtonClass} aria-expanded={showRuns} onClick={() => setShowRuns((x) => !x)}>Run log</button>
          <button type="button" className={secondaryButtonClass} onClick={onEdit}>Edit</button>
          <button type="button" className={dangerButtonClass} onClick={() => setConfirming(true)}>Delete</button>
        </div>
      </div>
      {error ? <ErrorText testId="rule-error">{error}</ErrorText> : null}
      {test.data ? <DryRunResult result={test.data} /> : null}
      {showRuns ? <RunLog ruleId={rule.id} /> : null}
      {/* mounted only while open: one dialog (and one set of its element ids) on the page at a time */}
      {confirming ? (
        <ConfirmDialog open title={`Delete the rule "${rule.name}"?`} confirmLabel="Delete rule" pending={remove.isPending} onCancel={() => setConfirming(false)} onConfirm={() => remove.mutate({ ruleId: rule.id })}>
          Its run log goes with it. What it already did (tasks, assignments, campaign members, notifications) stays.
        </ConfirmDialog>
      ) : null}
    </li>
  );
}

function RunLog({ ruleId }: { ruleId: string }) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.automation.listRuns.queryOptions({ ruleId }));
  if (runs.isPending) return <p className="text-sm text-slate-500">Loading the run log…</p>;
  if (runs.error) return <ErrorText testId="runs-error">Could not load the run log: {toFormError(runs.error).message}</ErrorText>;
  if (runs.data.runs.length === 0) return <p className="text-sm text-slate-500" data-testid="run-log">The rule has not run yet.</p>;
  return (
    <div className="overflow-x-auto" data-testid="run-log">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Run log</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="px-2 py-2 font-medium">When</th>
            <th scope="col" className="px-2 py-2 font-medium">Record</th>
            <th scope="col" className="px-2 py-2 font-medium">Event</th>
            <th scope="col" className="px-2 py-2 font-medium">Status</th>
            <th scope="col" className="px-2 py-2 font-medium">What it did</th>
          </tr>
        </thead>
        <tbody>
          {runs.data.runs.map((r) => (
            <tr key={r.id} className="border-b border-slate-100 align-top last:border-0" data-testid="run-row">
              <td className="whitespace-nowrap px-2 py-2">{new Date(r.createdAt).toLocaleString()}</td>
              <td className="px-2 py-2">{r.recordName}</td>
              <td className="px-2 py-2">{r.event}</td>
              <td className="px-2 py-2">{r.status}</td>
              <td className="px-2 py-2">
                {r.error ? <span className="text-red-700">{r.error}</span> : r.results.map((x, i) => <div key={i}>{x.outcome === "skipped" ? `skipped: ${x.detail}` : x.detail}</div>)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.data.total > runs.data.runs.length ? <p className="mt-1 text-xs text-slate-500">The latest {runs.data.runs.length} of {runs.data.total} runs.</p> : null}
    </div>
  );
}
