export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse" data-testid="drill-loading">
      <span className="sr-only">Loading the records…</span>
      <div className="h-5 w-48 rounded bg-slate-200" />
      <div className="mt-3 h-8 w-72 rounded bg-slate-200" />
      <div className="mt-2 h-5 w-96 max-w-full rounded bg-slate-100" />
      <div className="mt-4 h-[66px] rounded-xl border border-slate-200 bg-white" />
      <div className="mt-4 h-[600px] rounded-xl border border-slate-200 bg-white" />
    </div>
  );
}
