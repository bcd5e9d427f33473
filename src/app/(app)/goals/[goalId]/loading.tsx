export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse">
      <span className="sr-only">Loading goals…</span>
      <div className="h-8 w-48 rounded-md bg-slate-200" />
      <div className="mt-3 h-4 w-72 rounded bg-slate-200" />
      <div className="mt-8 space-y-3">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="h-16 rounded-xl border border-slate-200 bg-white" />
        ))}
      </div>
    </div>
  );
}
