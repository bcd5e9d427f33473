"use client";
import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/trpc/react";
import { toFormError } from "@/components/errors";
import { buttonClass, cardClass, ErrorText, secondaryButtonClass, SelectField, Spinner, SuccessText, TextField } from "@/components/ui";
import { DEFAULT_QUESTIONS, SURVEY_TYPE_LABELS, SURVEY_TYPES, type SurveyType } from "@/server/surveys/scales";

type Survey = RouterOutputs["surveys"]["list"][number];

/** The absolute address of a /s/<token> path on this site. */
function useAbsolute() {
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  return (path: string) => `${origin}${path}`;
}

export function SurveysManager() {
  const trpc = useTRPC();
  const surveys = useQuery(trpc.surveys.list.queryOptions());
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <CreateSurveyForm />
        <LinkForm surveys={(surveys.data ?? []).filter((s) => s.active)} />
      </div>
      <section aria-labelledby="surveys-heading" className={cardClass}>
        <h2 id="surveys-heading" className="border-b border-slate-200 px-5 py-4 text-base font-semibold text-slate-900">Surveys</h2>
        {surveys.isPending ? (
          <p className="px-5 py-6 text-sm text-slate-500">Loading surveys…</p>
        ) : surveys.error ? (
          <div className="px-5 py-6"><ErrorText testId="surveys-load-error">Could not load surveys: {toFormError(surveys.error).message}</ErrorText></div>
        ) : surveys.data.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-500">No surveys yet. Create one above.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="surveys-list">
            {surveys.data.map((s) => <SurveyRow key={s.id} survey={s} />)}
          </ul>
        )}
      </section>
    </div>
  );
}

function SurveyRow({ survey: s }: { survey: Survey }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const abs = useAbsolute();
  const [error, setError] = useState<string | null>(null);
  const toggle = useMutation(
    trpc.surveys.setActive.mutationOptions({
      onMutate: () => setError(null),
      onError: (e) => setError(toFormError(e).message),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.surveys.list.queryKey() }),
    }),
  );
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 px-5 py-4" data-testid="survey-row">
      <div className="min-w-0">
        <p className="font-medium text-slate-900">
          {s.name} <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-600">{s.type}</span>
          {!s.active ? <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-800">closed</span> : null}
        </p>
        <p className="text-sm text-slate-600">{s.question}</p>
        <p className="mt-1 text-xs text-slate-500">
          {s.answers} {s.answers === 1 ? "answer" : "answers"}
          {s.meanScore !== null ? ` · mean ${s.meanScore.toFixed(1)}` : ""} · single-use links: {s.linksAnswered} of {s.linksIssued} answered
        </p>
        <p className="mt-1 break-all text-xs">
          <span className="text-slate-500">Open link: </span>
          <a href={s.path} target="_blank" rel="noreferrer" className="text-indigo-700 underline" data-testid="survey-open-link">{abs(s.path)}</a>
        </p>
        {error ? <ErrorText testId="survey-toggle-error" className="mt-2">{error}</ErrorText> : null}
      </div>
      <button type="button" className={secondaryButtonClass} disabled={toggle.isPending} onClick={() => toggle.mutate({ surveyId: s.id, active: !s.active })}>
        {s.active ? "Close survey" : "Open again"}
      </button>
    </li>
  );
}

function CreateSurveyForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const abs = useAbsolute();
  const [type, setType] = useState<SurveyType>("NPS");
  const [result, setResult] = useState<{ ok?: string; error?: string; fields: Record<string, string[]> }>({ fields: {} });
  const create = useMutation(
    trpc.surveys.create.mutationOptions({
      onSuccess: (r) => { setResult({ ok: abs(r.path), fields: {} }); void queryClient.invalidateQueries({ queryKey: trpc.surveys.list.queryKey() }); },
      onError: (e) => { const fe = toFormError(e, ["name", "question", "type"]); setResult({ error: fe.message, fields: fe.fieldErrors }); },
    }),
  );
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    if (!name) return setResult({ fields: { name: ["Give the survey a name."] } });
    setResult({ fields: {} });
    create.mutate({ type, name, question: String(form.get("question") ?? "").trim() || undefined });
  }
  return (
    <form onSubmit={submit} className={`${cardClass} space-y-4 p-5`} aria-labelledby="create-survey-heading" noValidate>
      <h2 id="create-survey-heading" className="text-base font-semibold text-slate-900">New survey</h2>
      <SelectField id="survey-type" label="Type" value={type} onChange={(e) => setType(e.target.value as SurveyType)} errors={result.fields.type}>
        {SURVEY_TYPES.map((t) => <option key={t} value={t}>{SURVEY_TYPE_LABELS[t]}</option>)}
      </SelectField>
      <TextField id="survey-name" name="name" label="Name" required maxLength={120} errors={result.fields.name} />
      <TextField id="survey-question" name="question" label="Question" placeholder={DEFAULT_QUESTIONS[type]} hint="Leave empty for the standard question shown." maxLength={300} errors={result.fields.question} />
      <button type="submit" className={buttonClass} disabled={create.isPending}>{create.isPending ? <Spinner /> : null} Create survey</button>
      {result.error ? <ErrorText testId="survey-create-error">{result.error}</ErrorText> : null}
      {result.ok ? (
        <SuccessText testId="survey-created">
          Survey created. Its open link: <span className="break-all font-mono" data-testid="survey-created-link">{result.ok}</span>
        </SuccessText>
      ) : null}
    </form>
  );
}

function LinkForm({ surveys }: { surveys: Survey[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const abs = useAbsolute();
  const [about, setAbout] = useState<"ticket" | "account">("ticket");
  const [q, setQ] = useState("");
  const targets = useQuery(trpc.surveys.listLinkTargets.queryOptions({ q }));
  const [result, setResult] = useState<{ ok?: string; error?: string }>({});
  const create = useMutation(
    trpc.surveys.createLink.mutationOptions({
      onSuccess: (r) => { setResult({ ok: abs(r.path) }); void queryClient.invalidateQueries({ queryKey: trpc.surveys.list.queryKey() }); },
      onError: (e) => setResult({ error: toFormError(e).message }),
    }),
  );
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const surveyId = String(form.get("surveyId") ?? "");
    const target = String(form.get("target") ?? "");
    if (!surveyId || !target) return setResult({ error: `Choose a survey and the ${about} the answer will be about.` });
    setResult({});
    create.mutate({ surveyId, ...(about === "ticket" ? { ticketId: target } : { accountId: target }) });
  }
  const options = about === "ticket"
    ? (targets.data?.tickets ?? []).map((t) => ({ id: t.id, label: `${t.subject}${t.accountName ? ` — ${t.accountName}` : ""}${t.resolvedAt ? " (resolved)" : ""}` }))
    : (targets.data?.accounts ?? []).map((a) => ({ id: a.id, label: a.name }));
  return (
    <form onSubmit={submit} className={`${cardClass} space-y-4 p-5`} aria-labelledby="link-heading" noValidate>
      <div>
        <h2 id="link-heading" className="text-base font-semibold text-slate-900">Single-use link</h2>
        <p className="mt-1 text-sm text-slate-600">For one customer, about a ticket or an account. It answers once; the link is shown only now.</p>
      </div>
      <SelectField id="link-survey" name="surveyId" label="Survey" defaultValue="">
        <option value="" disabled>Choose a survey…</option>
        {surveys.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.type})</option>)}
      </SelectField>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">About</legend>
        <div className="flex gap-4 text-sm">
          {(["ticket", "account"] as const).map((x) => (
            <label key={x} className="flex items-center gap-1.5">
              <input type="radio" name="about" value={x} checked={about === x} onChange={() => setAbout(x)} /> {x === "ticket" ? "A ticket" : "An account"}
            </label>
          ))}
        </div>
      </fieldset>
      <TextField id="link-search" label={`Search ${about === "ticket" ? "tickets" : "accounts"}`} value={q} onChange={(e) => setQ(e.target.value)} />
      <SelectField id="link-target" name="target" label={about === "ticket" ? "Ticket" : "Account"} defaultValue="" key={`${about}-${q}`}>
        <option value="" disabled>{targets.isPending ? "Loading…" : options.length ? "Choose…" : "Nothing found"}</option>
        {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
      </SelectField>
      <button type="submit" className={buttonClass} disabled={create.isPending}>{create.isPending ? <Spinner /> : null} Create link</button>
      {result.error ? <ErrorText testId="link-error">{result.error}</ErrorText> : null}
      {result.ok ? <SuccessText testId="link-created">Send this link (it works once): <span className="break-all font-mono" data-testid="link-created-url">{result.ok}</span></SuccessText> : null}
    </form>
  );
}
