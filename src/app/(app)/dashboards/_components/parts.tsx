import { Suspense, type ReactElement, type ReactNode } from "react";
import { PeriodPicker, type PickerValue } from "@/components/kpi/period-picker";
import { formatRange } from "@/components/kpi/format";
import type { PeriodInfo } from "../_lib/load";
import { settledWithin } from "../_lib/settle";
import { SectionBodySkeleton, type SkeletonBlock } from "./skeleton";

type Option = { id: string; name: string };

/** Title, the resolved period (and the one it is compared with) and the period/filter picker. */
export function DashboardHeader(props: {
  testId: string;
  title: string;
  subtitle: string;
  period?: PeriodInfo;
  picker: PickerValue;
  pickerKey: string;
  owners?: Option[];
  teams?: Option[];
  channels?: string[];
  priorities?: string[];
}) {
  return (
    <header className="mb-6">
      <h1 data-testid={props.testId} {...{ elementtiming: "dashboard-title" }} className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
        {props.title}
      </h1>
      <p className="mt-1 text-sm text-slate-600">{props.subtitle}</p>
      <p className="mt-1 h-5 text-xs text-slate-500" data-testid="period-range">
        {props.period ? (
          <>
            {formatRange(props.period.current)} <span className="text-slate-400">· compared with {formatRange(props.period.previous)}</span>
          </>
        ) : null}
      </p>
      <div className="mt-4">
        <PeriodPicker key={props.pickerKey} value={props.picker} owners={props.owners} teams={props.teams} channels={props.channels} priorities={props.priorities} />
      </div>
    </header>
  );
}

export function Section({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} data-testid={`section-${id}`} className="mt-8">
      <h2 id={`${id}-heading`} className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        {title}
      </h2>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <div className="mt-3">{children}</div>
    </section>
  );
}

/**
 * How long a dashboard's first HTML waits for a section's body. React reveals a streamed section at the earliest
 * 300 ms after the page's first paint (it batches reveals), so a body that is ready by then (KPI results from the
 * cache) is sent in the first HTML and painted with the title; a slower one streams in on its own.
 */
export const INLINE_WAIT_MS = 100;

/**
 * A section whose body loads on its own: the title shows at once, a same-height placeholder until the body's
 * numbers arrive, and each section streams in as soon as its queries finish (the first numbers do not wait
 * for the slowest KPI of the page). `body` is the section's render already started (e.g. `CostSection(props)`).
 */
export async function StreamedSection({ id, title, hint, skeleton, body }: { id: string; title: string; hint?: string; skeleton: SkeletonBlock[]; body: Promise<ReactElement> }) {
  const ready = await settledWithin(body, INLINE_WAIT_MS);
  return (
    <Section id={id} title={title} hint={hint}>
      {ready ? ready.value : <Suspense fallback={<SectionBodySkeleton blocks={skeleton} label={title} />}>{body}</Suspense>}
    </Section>
  );
}

/** A white box with a title around a chart or a table. */
export function Panel({ title, hint, children, className = "" }: { title: string; hint?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={`min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm ${className}`}>
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
      <div className="mt-3">{children}</div>
    </div>
  );
}

export function Problem({ children }: { children: ReactNode }) {
  return (
    <p data-testid="dashboard-problem" aria-live="polite" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      {children}
    </p>
  );
}

export function Empty({ children = "No data in this period" }: { children?: ReactNode }) {
  return (
    <p data-testid="empty-state" className="rounded-lg border border-dashed border-slate-200 px-4 py-6 text-center text-sm text-slate-500">
      {children}
    </p>
  );
}

export type Column<T> = { key: string; label: string; align?: "right"; render: (row: T) => ReactNode };

/** A simple scrollable table (no layout jump: fixed header; rows scroll horizontally on narrow screens). */
export function Table<T>({ testId, caption, columns, rows, rowKey, empty }: { testId: string; caption: string; columns: Column<T>[]; rows: T[]; rowKey: (r: T, i: number) => string; empty?: string }) {
  if (!rows.length) return <Empty>{empty ?? "No data in this period"}</Empty>;
  return (
    <div className="overflow-x-auto">
      <table data-testid={testId} className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`whitespace-nowrap px-2 py-2 font-medium ${c.align === "right" ? "text-right" : ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)} className="border-b border-slate-100 last:border-0">
              {columns.map((c) => (
                <td key={c.key} className={`whitespace-nowrap px-2 py-2 text-slate-700 ${c.align === "right" ? "text-right tabular-nums" : ""}`}>
                  {c.render(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
