// Loading placeholders with the same heights as the real dashboards (no layout jump when data arrives).
export function CardsSkeleton({ count }: { count: number }) {
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="min-h-52 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <div className="h-4 w-32 rounded bg-slate-200" />
          <div className="mt-3 h-7 w-24 rounded bg-slate-200" />
          <div className="mt-2 h-3 w-36 rounded bg-slate-100" />
          <div className="mt-4 h-10 rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}

export function PanelSkeleton({ height }: { height: number }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="h-4 w-48 rounded bg-slate-200" />
      <div className="mt-3 rounded bg-slate-100" style={{ height }} />
    </div>
  );
}

export type SkeletonBlock = { cards: number } | { panels: number[] };

/** The placeholder of one dashboard section's body while its numbers load (streamed in on their own). */
export function SectionBodySkeleton({ blocks, label }: { blocks: SkeletonBlock[]; label: string }) {
  return (
    <div aria-busy="true" className="animate-pulse" data-testid="section-loading">
      <span className="sr-only">Loading {label}…</span>
      {blocks.map((s, i) => (
        <div key={i} className={i ? "mt-4" : undefined}>
          {"cards" in s ? (
            <CardsSkeleton count={s.cards} />
          ) : (
            <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
              {s.panels.map((h, j) => (
                <PanelSkeleton key={j} height={h} />
              ))}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
