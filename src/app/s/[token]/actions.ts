"use server";
import { redirect } from "next/navigation";
import { db } from "@/server/db/client";
import { UserError } from "@/server/errors";
import { answerSurvey } from "@/server/surveys/public";

/**
 * The public survey form's action (a plain form POST: works without JavaScript). The token in the URL is the
 * only authority: it names the survey (and, for a single-use link, the ticket/account) the answer belongs to.
 */
export async function submitSurveyAnswer(form: FormData) {
  const token = String(form.get("token") ?? "");
  let outcome: string;
  try {
    outcome = await answerSurvey(await db(), token, { score: form.get("score"), comment: form.get("comment") });
  } catch (e) {
    if (e instanceof UserError) redirect(`/s/${encodeURIComponent(token)}?error=${encodeURIComponent(e.message.replace(/^\w+: /, ""))}`);
    throw e;
  }
  redirect(`/s/${encodeURIComponent(token)}?${outcome === "answered" ? "thanks=1" : `state=${outcome}`}`);
}
