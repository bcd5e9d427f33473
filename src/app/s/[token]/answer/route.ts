import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/server/db/client";
import { UserError } from "@/server/errors";
import { answerSurvey } from "@/server/surveys/public";

// The public survey form posts here: a plain HTML form POST (works without JavaScript), answered with a
// 303 redirect back to the survey page showing the outcome. The token in the URL is the only authority: it
// names the survey (and, for a single-use link, the ticket/account) the answer belongs to.
export async function POST(req: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // a relative Location: the browser resolves it against the URL it posted to, so the redirect stays on the
  // origin the customer used (an absolute URL built from the server's idea of its host can name another origin,
  // which the CSP's form-action 'self' then blocks)
  const back = (query: string) => new NextResponse(null, { status: 303, headers: { Location: `/s/${encodeURIComponent(token)}?${query}` } });
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return back(`error=${encodeURIComponent("Choose a score and send the form again.")}`);
  }
  try {
    const outcome = await answerSurvey(await db(), token, { score: form.get("score"), comment: form.get("comment") });
    if (outcome === "not_found") return new NextResponse("Not found", { status: 404 });
    return back(outcome === "answered" ? "thanks=1" : `state=${outcome}`);
  } catch (e) {
    if (e instanceof UserError) return back(`error=${encodeURIComponent(e.message.replace(/^\w+: /, ""))}`);
    throw e;
  }
}
