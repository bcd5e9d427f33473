import { AsyncLocalStorage } from "node:async_hooks";
import { availableParallelism } from "node:os";

/**
 * How many KPI statements one server process runs at once: KPI_CONCURRENCY, by default the number of cores
 * (at least 2). KPI statements are CPU-bound in PostgreSQL. Started all at once, a dashboard's twenty statements
 * share the cores, so every section's numbers arrive near the end, and the web process's own work (the page,
 * its stylesheet, session queries on the other pool connections) waits for a core too.
 */
export const KPI_CONCURRENCY = Math.max(1, Number(process.env.KPI_CONCURRENCY) || Math.max(2, availableParallelism()));

/**
 * The waiting statements, by request. A free slot goes to the waiting request with the fewest statements running
 * (the longest-waiting of those first) and, within a request, first come, first served: a KPI call of twenty
 * statements does not wait behind five dashboards of sixty statements each (under load it did, past 30 s), and
 * a dashboard's first section still gets its numbers first.
 */
const queues = new Map<object, (() => void)[]>();
const runningBy = new Map<object, number>();
const requestOf = new AsyncLocalStorage<object>();
/** statements run outside any request (scripts, benchmarks) share one queue */
const NO_REQUEST = {};
let running = 0;

/** Runs fn as one request of the KPI queue: the statements it starts take turns with other requests'. */
export function asKpiRequest<T>(fn: () => T, request: object = {}): T {
  return requestOf.run(request, fn);
}

/** Runs fn when fewer than KPI_CONCURRENCY KPI statements are running in this process. */
export async function limitKpiStatement<T>(fn: () => Promise<T>): Promise<T> {
  const request = requestOf.getStore() ?? NO_REQUEST;
  if (running >= KPI_CONCURRENCY) {
    await new Promise<void>((resolve) => {
      const queue = queues.get(request);
      if (queue) queue.push(resolve);
      else queues.set(request, [resolve]);
    });
    // the slot was handed over: `running` already counts it
  } else running++;
  runningBy.set(request, (runningBy.get(request) ?? 0) + 1);
  try {
    return await fn();
  } finally {
    const left = runningBy.get(request)! - 1;
    if (left) runningBy.set(request, left);
    else runningBy.delete(request);
    // hand the slot straight to the next in turn (running stays the same), or free it
    const next = takeNext();
    if (next) next();
    else running--;
  }
}

/** The oldest waiting statement of the waiting request with the fewest running; that request goes to the back. */
function takeNext(): (() => void) | undefined {
  let chosen: object | undefined;
  for (const request of queues.keys()) {
    if (chosen === undefined || (runningBy.get(request) ?? 0) < (runningBy.get(chosen) ?? 0)) chosen = request;
  }
  if (chosen === undefined) return undefined;
  const queue = queues.get(chosen)!;
  queues.delete(chosen);
  const next = queue.shift()!;
  if (queue.length) queues.set(chosen, queue); // a Map keeps insertion order: re-inserted = last in turn
  return next;
}
