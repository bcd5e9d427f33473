// Diagnosis: when do the parts of a dashboard page leave the server? Times (from the request) the first byte,
// the chunk with the page title and the chunk with the first KPI value, over HTTP without a browser.
// npx tsx bench/stream-probe.ts <base> <email> <path> [runs]
import { performance } from "node:perf_hooks";
import { signIn } from "./server";

const [base, email, path, runsArg] = process.argv.slice(2);
const cookie = await signIn(base!, email!, "sasaran-demo");
for (let i = 0; i < Number(runsArg ?? 5); i++) {
  const t0 = performance.now();
  const res = await fetch(base + path!, { headers: { cookie } });
  const marks = { status: res.status, firstByte: -1, title: -1, firstValue: -1, end: -1 };
  let text = "";
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    const t = Math.round(performance.now() - t0);
    if (done) break;
    if (marks.firstByte < 0) marks.firstByte = t;
    text += new TextDecoder().decode(value);
    if (marks.title < 0 && text.includes('data-testid="dashboard-title"')) marks.title = t;
    if (marks.firstValue < 0 && /data-testid="kpi-[a-z0-9_]+-value"/.test(text)) marks.firstValue = t;
  }
  marks.end = Math.round(performance.now() - t0);
  console.log(JSON.stringify(marks), Math.round(text.length / 1024) + " KB");
}
