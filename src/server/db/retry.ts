/**
 * True when PostgreSQL aborted a transaction for a deadlock (40P01) or a serialization failure (40001); Prisma
 * reports both as P2034 ("write conflict or deadlock"). Nothing of that transaction was committed.
 */
export function isTransactionConflict(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "P2034" || code === "40P01" || code === "40001") return true;
  return /deadlock detected|could not serialize access|TransactionWriteConflict/i.test(e instanceof Error ? e.message : String(e));
}

/** How often a transaction is started again after a conflict, at most. */
export const CONFLICT_ATTEMPTS = 4;

/**
 * Runs an interactive transaction, and again (after a short random pause, up to CONFLICT_ATTEMPTS in all) when
 * PostgreSQL aborted it for a deadlock or a write conflict, as PostgreSQL's documentation advises. Writes to
 * records update shared rollup rows through triggers (a metric's row for the day, summed over owners); two
 * writers that reach two such rows in opposite order deadlock, and PostgreSQL aborts one of them. Under load
 * that was a 500 (bench/load.ts). `run` must start the transaction itself and do nothing outside it.
 */
export async function retryOnConflict<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= CONFLICT_ATTEMPTS || !isTransactionConflict(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
