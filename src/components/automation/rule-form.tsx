"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { buttonClass, cardClass, ErrorText, inputClass, secondaryButtonClass, SelectField, Spinner, SuccessText, TextField } from "@/components/ui";
import {
  ACTION_LABELS, ACTIVITY_TYPES, ENTITY_LABELS, LEAD_STATUS_VALUES, TRIGGER_LABELS, TRIGGERS_FOR,
  type Condition, type Entity, type RuleAction, type RuleInput, type Trigger,
} from "@/server/automation/rule-input";
import { DryRunResult } from "./dry-run-result";

type Options = RouterOutputs["automation"]["getFormOptions"];
type Field = Condition["field"];
type ActionType = RuleAction["type"];

// The form keeps what people type as strings; toInput turns it into the rule the server validates (and names the
// fields of anything wrong: "conditions.0.value" shows under that condition's value).
type DraftCondition = { field: Field; op: string; value: string };
type DraftAction = { type: ActionType; activityType: string; subject: string; dueInHours: string; userId: string; teamId: string; campaignId: string; to: string; message: string };
export type Draft = { name: string; entity: Entity; trigger: Trigger; idleDays: string; conditions: DraftCondition[]; actions: DraftAction[] };

const FIELD_LABELS: Record<Field, string> = { value: "Value (deal amount)", score: "Score (lead)", source: "Source", stage: "Stage / status", owner: "Owner" };
const FIELDS_FOR: Record<Entity, Field[]> = { DEAL: ["value", "source", "stage", "owner"], LEAD: ["score", "source", "stage", "owner"] };
const OPS: Record<Field, [string, string][]> = {
  value: [["gt", "above"], ["lt", "below"]],
  score: [["gt", "above"], ["lt", "below"]],
  source: [["is", "is"], ["isNot", "is not"]],
  stage: [["is", "is"], ["isNot", "is not"]],
  owner: [["is", "is"], ["isNot", "is not"]],
};

const emptyAction = (type: ActionType = "createTask"): DraftAction => ({ type, activityType: "CALL", subject: "", dueInHours: "24", userId: "", teamId: "", campaignId: "", to: "owner", message: "" });
export const emptyDraft = (): Draft => ({ name: "", entity: "DEAL", trigger: "CREATED", idleDays: "", conditions: [], actions: [emptyAction()] });

export function draftOf(r: RuleInput): Draft {
  return {
    name: r.name, entity: r.entity, trigger: r.trigger, idleDays: r.idleDays ? String(r.idleDays) : "",
    conditions: r.conditions.map((c) => ({ field: c.field, op: c.op, value: String(c.value) })),
    actions: r.actions.map((a) => ({ ...emptyAction(a.type), ...Object.fromEntries(Object.entries(a).map(([k, v]) => [k, String(v)])) }) as DraftAction),
  };
}

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

function toInput(d: Draft): RuleInput {
  return {
    name: d.name,
    entity: d.entity,
    trigger: d.trigger,
    idleDays: d.trigger === "IDLE" ? num(d.idleDays) : null,
    conditions: d.conditions.map((c) => ({ field: c.field, op: c.op, value: c.field === "value" || c.field === "score" ? num(c.value) : c.value }) as Condition),
    actions: d.actions.map((a): RuleAction => {
      switch (a.type) {
        case "createTask": return { type: a.type, activityType: a.activityType as (typeof ACTIVITY_TYPES)[number], subject: a.subject, dueInHours: num(a.dueInHours) };
        case "assignUser": return { type: a.type, userId: a.userId };
        case "assignRoundRobin": return { type: a.type, teamId: a.teamId };
        case "addToCampaign": return { type: a.type, campaignId: a.campaignId };
        case "notify": return { type: a.type, to: a.to, message: a.message };
      }
    }),
  };
}

/** Messages "conditions.0.value: ..." from the server (zod or domain checks) as field errors. */
function fieldErrorsOf(e: unknown): { message: string; fields: Record<string, string[]> } {
  const fe = toFormError(e);
  const fields: Record<string, string[]> = { ...fe.fieldErrors };
  for (const part of fe.message.split("; ")) {
    const m = /^([\w.]+): (.+)$/s.exec(part.replace(/\.$/, ""));
    if (m && !fields[m[1]!]) fields[m[1]!] = [m[2]!];
  }
  return { message: fe.message, fields };
}

export function RuleForm({ ruleId, initial, onDone }: { ruleId?: string; initial: Draft; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.automation.getFormOptions.queryOptions());
  const [d, setD] = useState<Draft>(initial);
  const [errors, setErrors] = useState<{ message?: string; fields: Record<string, string[]> }>({ fields: {} });
  const [saved, setSaved] = useState<string | null>(null);
  const onError = (e: unknown) => {
    const x = fieldErrorsOf(e);
    setErrors({ message: x.message, fields: x.fields });
  };
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.automation.listRules.queryKey() });
  const create = useMutation(trpc.automation.createRule.mutationOptions({ onError, onSuccess: () => { setSaved("Rule saved. It is switched off: test it, then switch it on in the list."); void invalidate(); onDone(); } }));
  const update = useMutation(trpc.automation.updateRule.mutationOptions({ onError, onSuccess: () => { setSaved("Rule saved."); void invalidate(); onDone(); } }));
  const test = useMutation(trpc.automation.testRule.mutationOptions({ onError }));
  const pending = create.isPending || update.isPending;

  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setCondition = (i: number, patch: Partial<DraftCondition>) => set({ conditions: d.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const setAction = (i: number, patch: Partial<DraftAction>) => set({ actions: d.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const err = (path: string) => errors.fields[path];

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setErrors({ fields: {} });
    setSaved(null);
    const input = toInput(d);
    if (ruleId) update.mutate({ ruleId, rule: input });
    else create.mutate(input);
  }
  function runTest() {
    setErrors({ fields: {} });
    test.mutate(toInput(d));
  }

  const o = options.data;
  return (
    <form onSubmit={submit} noValidate className={`${cardClass} space-y-5 p-5`} aria-labelledby="rule-form-heading" data-testid="rule-form">
      <h2 id="rule-form-heading" className="text-base font-semibold text-slate-900">{ruleId ? "Edit rule" : "New rule"}</h2>
      <TextField id="rule-name" label="Name" value={d.name} onChange={(e) => set({ name: e.target.value })} maxLength={120} errors={err("name")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField id="rule-entity" label="Record" value={d.entity} errors={err("entity")}
          onChange={(e) => {
            const entity = e.target.value as Entity;
            // conditions that do not apply to the other record type are dropped
            set({ entity, trigger: TRIGGERS_FOR[entity].includes(d.trigger) ? d.trigger : "CREATED", conditions: d.conditions.filter((c) => FIELDS_FOR[entity].includes(c.field)) });
          }}>
          {(["DEAL", "LEAD"] as const).map((x) => <option key={x} value={x}>{ENTITY_LABELS[x]}</option>)}
        </SelectField>
        <SelectField id="rule-trigger" label="Event" value={d.trigger} onChange={(e) => set({ trigger: e.target.value as Trigger })} errors={err("trigger")}>
          {TRIGGERS_FOR[d.entity].map((x) => <option key={x} value={x}>{TRIGGER_LABELS[x]}</option>)}
        </SelectField>
        {d.trigger === "IDLE" ? (
          <TextField id="rule-idle-days" label="Idle days" type="number" min={1} max={365} value={d.idleDays} onChange={(e) => set({ idleDays: e.target.value })} errors={err("idleDays")} />
        ) : null}
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">If (all of these hold)</legend>
        {d.conditions.length === 0 ? <p className="text-sm text-slate-500">No conditions: the rule applies to every {d.entity === "DEAL" ? "deal" : "lead"}.</p> : null}
        {d.conditions.map((c, i) => (
          <div key={i} className="grid items-end gap-2 sm:grid-cols-[1fr_8rem_1fr_auto]" data-testid="condition-row">
            <SelectField id={`cond-${i}-field`} label={`Condition ${i + 1}: field`} value={c.field} errors={err(`conditions.${i}.field`)}
              onChange={(e) => { const field = e.target.value as Field; setCondition(i, { field, op: OPS[field][0]![0], value: "" }); }}>
              {FIELDS_FOR[d.entity].map((x) => <option key={x} value={x}>{FIELD_LABELS[x]}</option>)}
            </SelectField>
            <SelectField id={`cond-${i}-op`} label={`Condition ${i + 1}: test`} value={c.op} onChange={(e) => setCondition(i, { op: e.target.value })} errors={err(`conditions.${i}.op`)}>
              {OPS[c.field].map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </SelectField>
            <ConditionValue i={i} c={c} entity={d.entity} o={o} errors={err(`conditions.${i}.value`)} onChange={(value) => setCondition(i, { value })} />
            <button type="button" className={secondaryButtonClass} onClick={() => set({ conditions: d.conditions.filter((_, j) => j !== i) })}>Remove condition {i + 1}</button>
          </div>
        ))}
        <button type="button" className={secondaryButtonClass} onClick={() => set({ conditions: [...d.conditions, { field: FIELDS_FOR[d.entity][0]!, op: "gt", value: "" }] })}>Add condition</button>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">Then (in this order)</legend>
        {err("actions") ? <p className="text-xs font-medium text-red-700">{err("actions")!.join(" ")}</p> : null}
        {d.actions.map((a, i) => (
          <div key={i} className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="action-row">
            <div className="flex flex-wrap items-end gap-2">
              <SelectField id={`act-${i}-type`} label={`Action ${i + 1}`} className="min-w-56 flex-1" value={a.type} onChange={(e) => setAction(i, { ...emptyAction(e.target.value as ActionType) })} errors={err(`actions.${i}.type`)}>
                {(Object.keys(ACTION_LABELS) as ActionType[]).map((x) => <option key={x} value={x}>{ACTION_LABELS[x]}</option>)}
              </SelectField>
              <button type="button" className={secondaryButtonClass} onClick={() => set({ actions: d.actions.filter((_, j) => j !== i) })}>Remove action {i + 1}</button>
            </div>
            <ActionFields i={i} a={a} o={o} err={err} onChange={(patch) => setAction(i, patch)} />
          </div>
        ))}
        <button type="button" className={secondaryButtonClass} onClick={() => set({ actions: [...d.actions, emptyAction()] })}>Add action</button>
      </fieldset>

      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonClass} disabled={pending}>{pending ? <Spinner /> : null} Save rule</button>
        <button type="button" className={secondaryButtonClass} onClick={runTest} disabled={test.isPending}>{test.isPending ? <Spinner /> : null} Test against existing records</button>
        <button type="button" className={secondaryButtonClass} onClick={onDone}>Cancel</button>
      </div>
      {errors.message ? <ErrorText testId="rule-form-error">{errors.message}</ErrorText> : null}
      {saved ? <SuccessText testId="rule-saved">{saved}</SuccessText> : null}
      {test.data ? <DryRunResult result={test.data} /> : null}
    </form>
  );
}

function ConditionValue({ i, c, entity, o, errors, onChange }: { i: number; c: DraftCondition; entity: Entity; o?: Options; errors?: string[]; onChange: (v: string) => void }) {
  const id = `cond-${i}-value`;
  const label = `Condition ${i + 1}: value`;
  if (c.field === "value" || c.field === "score") {
    return <TextField id={id} label={label} type="number" inputMode="decimal" value={c.value} onChange={(e) => onChange(e.target.value)} errors={errors} />;
  }
  if (c.field === "source") {
    return (
      <div>
        <TextField id={id} label={label} list={`${id}-list`} value={c.value} onChange={(e) => onChange(e.target.value)} errors={errors} />
        <datalist id={`${id}-list`}>{(o?.sources ?? []).map((s) => <option key={s} value={s} />)}</datalist>
      </div>
    );
  }
  const choices: [string, string][] =
    c.field === "stage"
      ? entity === "DEAL" ? (o?.stages ?? []).map((s) => [s.id, s.name]) : LEAD_STATUS_VALUES.map((s) => [s, s])
      : [["none", "Nobody"], ...(o?.users ?? []).map((u): [string, string] => [u.id, u.name])];
  return (
    <SelectField id={id} label={label} value={c.value} onChange={(e) => onChange(e.target.value)} errors={errors}>
      <option value="" disabled>Choose…</option>
      {choices.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
    </SelectField>
  );
}

function ActionFields({ i, a, o, err, onChange }: { i: number; a: DraftAction; o?: Options; err: (p: string) => string[] | undefined; onChange: (p: Partial<DraftAction>) => void }) {
  const users = o?.users ?? [];
  switch (a.type) {
    case "createTask":
      return (
        <div className="grid gap-2 sm:grid-cols-[10rem_1fr_8rem]">
          <SelectField id={`act-${i}-activity`} label="Task type" value={a.activityType} onChange={(e) => onChange({ activityType: e.target.value })} errors={err(`actions.${i}.activityType`)}>
            {ACTIVITY_TYPES.map((x) => <option key={x} value={x}>{x.charAt(0) + x.slice(1).toLowerCase().replace("_", "-")}</option>)}
          </SelectField>
          <TextField id={`act-${i}-subject`} label="Task text" value={a.subject} maxLength={200} placeholder="Call within 24 h" onChange={(e) => onChange({ subject: e.target.value })} errors={err(`actions.${i}.subject`)} />
          <TextField id={`act-${i}-due`} label="Due in hours" type="number" min={0} value={a.dueInHours} onChange={(e) => onChange({ dueInHours: e.target.value })} errors={err(`actions.${i}.dueInHours`)} />
        </div>
      );
    case "assignUser":
      return (
        <SelectField id={`act-${i}-user`} label="Assign to" value={a.userId} onChange={(e) => onChange({ userId: e.target.value })} errors={err(`actions.${i}.userId`)}>
          <option value="" disabled>Choose a person…</option>
          {users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </SelectField>
      );
    case "assignRoundRobin":
      return (
        <SelectField id={`act-${i}-team`} label="Team (its active members take turns)" value={a.teamId} onChange={(e) => onChange({ teamId: e.target.value })} errors={err(`actions.${i}.teamId`)}>
          <option value="" disabled>Choose a team…</option>
          {(o?.teams ?? []).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </SelectField>
      );
    case "addToCampaign":
      return (
        <SelectField id={`act-${i}-campaign`} label="Campaign (a deal's lead is added)" value={a.campaignId} onChange={(e) => onChange({ campaignId: e.target.value })} errors={err(`actions.${i}.campaignId`)}>
          <option value="" disabled>Choose a campaign…</option>
          {(o?.campaigns ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}{c.isNurture ? " (nurture)" : ""}</option>)}
        </SelectField>
      );
    case "notify":
      return (
        <div className="grid gap-2 sm:grid-cols-[14rem_1fr]">
          <SelectField id={`act-${i}-to`} label="Notify" value={a.to} onChange={(e) => onChange({ to: e.target.value })} errors={err(`actions.${i}.to`)}>
            <option value="owner">The record&apos;s owner</option>
            {users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </SelectField>
          <div>
            <label htmlFor={`act-${i}-message`} className="mb-1 block text-sm font-medium text-slate-700">Message</label>
            <input id={`act-${i}-message`} className={inputClass} value={a.message} maxLength={300} onChange={(e) => onChange({ message: e.target.value })} aria-invalid={err(`actions.${i}.message`) ? true : undefined} />
            {err(`actions.${i}.message`) ? <p className="mt-1 text-xs font-medium text-red-700">{err(`actions.${i}.message`)!.join(" ")}</p> : null}
          </div>
        </div>
      );
  }
}
