import { CardsSkeleton, PanelSkeleton } from "../dashboards/_components/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse" data-testid="my-loading">
      <span className="sr-only">Loading your work…</span>
      <div className="h-8 w-48 rounded-md bg-slate-200 sm:h-9" />
      <div className="mt-2 h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="mt-1 h-5 w-80 max-w-full rounded bg-slate-100" />
      <div className="mt-4 h-[66px] rounded-xl border border-slate-200 bg-white" />
      <div className="mt-8 h-4 w-32 rounded bg-slate-200" />
      <div className="mt-3 grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 3 }, (_, i) => (
          <div key={i} className="h-[118px] rounded-xl border border-slate-200 bg-white" />
        ))}
      </div>
      <div className="mt-4">
        <PanelSkeleton height={320} />
      </div>
      <div className="mt-8 h-4 w-32 rounded bg-slate-200" />
      <div className="mt-3">
        <CardsSkeleton count={8} />
      </div>
    </div>
  );
}
