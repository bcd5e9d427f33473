import { availableParallelism } from "node:os";

/**
 * How many KPI statements one server process runs at once: KPI_CONCURRENCY, by default the number of cores
 * (at least 2). KPI statements are CPU-bound in PostgreSQL. Started all at once, a dashboard's twenty statements
 * share the cores, so every section's numbers arrive near the end, and the web process's own work (the page,
 * its stylesheet, session queries on the other pool connections) waits for a core too. Queued first come, first
 * served, the first section's statements finish first and its numbers show early; the total time is the same.
 */
export const KPI_CONCURRENCY = Math.max(1, Number(process.env.KPI_CONCURRENCY) || Math.max(2, availableParallelism()));

let running = 0;
const waiting: (() => void)[] = [];

/** Runs fn when fewer than KPI_CONCURRENCY KPI statements are running in this process. */
export async function limitKpiStatement<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= KPI_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await fn();
  } finally {
    // hand the slot straight to the next in line (running stays the same), or free it
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
