import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { db } from "@/server/db/client";
import { findSurveyByToken } from "@/server/surveys/public";
import { MAX_COMMENT, SURVEY_SCALES, scaleValues } from "@/server/surveys/scales";

// The public survey page: no sign-in, server-rendered, a plain form (works without JavaScript), one question.
// Unknown tokens get the plain 404 page; a used single-use link says it was answered.

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Survey", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function Shell({ org, children }: { org: string; children: React.ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-start justify-center bg-slate-50 px-4 py-10 sm:items-center">
      <div className="w-full max-w-xl rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <p className="text-sm font-medium text-slate-500">{org}</p>
        {children}
      </div>
    </main>
  );
}

export default async function SurveyPage({ params, searchParams }: Props) {
  const { token } = await params;
  const sp = await searchParams;
  const survey = await findSurveyByToken(await db(), token);
  if (!survey) notFound();

  const message = (title: string, text: string, testId: string) => (
    <Shell org={survey.organizationName}>
      <h1 className="mt-2 text-xl font-semibold text-slate-900" data-testid={testId}>
        {title}
      </h1>
      <p className="mt-2 text-sm text-slate-600">{text}</p>
    </Shell>
  );
  if (sp.thanks === "1") return message("Thank you!", "Your answer was recorded. You can close this page.", "survey-thanks");
  if (survey.answered || sp.state === "already_answered") return message("Already answered", "This survey link has already been used to answer. Thank you!", "survey-already-answered");
  if (!survey.active || sp.state === "closed") return message("This survey is closed", "It no longer takes answers. Thank you for your time.", "survey-closed");

  const scale = SURVEY_SCALES[survey.type];
  const values = scaleValues(survey.type);
  const error = typeof sp.error === "string" ? sp.error : null;
  return (
    <Shell org={survey.organizationName}>
      <form method="post" action={`/s/${encodeURIComponent(token)}/answer`} className="mt-2" noValidate>
        <fieldset aria-describedby={`scale-hint${error ? " score-error" : ""}`}>
          <legend className="text-xl font-semibold text-slate-900">{survey.question}</legend>
          <p id="scale-hint" className="mt-1 text-sm text-slate-600">
            {scale.min} = {scale.lowLabel}, {scale.max} = {scale.highLabel}
          </p>
          <div className="mt-4 flex flex-wrap gap-2" data-testid="score-options">
            {values.map((v) => (
              <label key={v} className="relative">
                <input type="radio" name="score" value={v} required className="peer sr-only" />
                <span className="grid h-11 min-w-11 cursor-pointer place-items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 peer-checked:border-indigo-600 peer-checked:bg-indigo-600 peer-checked:text-white peer-focus-visible:ring-2 peer-focus-visible:ring-indigo-500 peer-focus-visible:ring-offset-2 hover:bg-slate-50 peer-checked:hover:bg-indigo-600">
                  {v}
                  <span className="sr-only">{v === scale.min ? ` (${scale.lowLabel})` : v === scale.max ? ` (${scale.highLabel})` : ""}</span>
                </span>
              </label>
            ))}
          </div>
          <div aria-hidden="true" className="mt-1 flex justify-between text-xs text-slate-500">
            <span>{scale.lowLabel}</span>
            <span>{scale.highLabel}</span>
          </div>
          {error ? (
            <p id="score-error" data-testid="survey-error" aria-live="polite" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          ) : null}
        </fieldset>
        <div className="mt-6">
          <label htmlFor="comment" className="block text-sm font-medium text-slate-700">
            Anything you would like to add? <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <textarea id="comment" name="comment" rows={3} maxLength={MAX_COMMENT} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30" />
        </div>
        <button type="submit" className="mt-6 inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500">
          Send answer
        </button>
      </form>
    </Shell>
  );
}
