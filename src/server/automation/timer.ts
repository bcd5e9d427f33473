// The idle-rule sweep on a timer inside the server process. Safe with several app instances: each firing is keyed
// (UNIQUE (ruleId, eventKey)), so two instances sweeping at once fire a rule once per record and idle spell.
import { db } from "@/server/db/client";
import { sweepIdleRules } from "./sweep";

const DEFAULT_MINUTES = 15;

/** AUTOMATION_SWEEP_MINUTES: unset = every 15 minutes, 0 = off; anything else that is not a positive number = off. */
export function sweepIntervalMinutes(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_MINUTES;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

const g = globalThis as unknown as { __sasaranSweepTimer?: ReturnType<typeof setInterval> };

export function startSweepTimer(minutes: number) {
  if (g.__sasaranSweepTimer) return; // once per process (dev reloads call register again)
  let running = false;
  g.__sasaranSweepTimer = setInterval(async () => {
    if (running) return; // a slow sweep is not started twice
    running = true;
    try {
      const r = await sweepIdleRules(await db());
      if (r.fired) console.log(`[automation] idle sweep: ${r.fired} rule runs (${r.failed} failed) from ${r.rules} idle rules`);
    } catch (e) {
      console.error("[automation] idle sweep failed:", e instanceof Error ? e.message : e);
    } finally {
      running = false;
    }
  }, minutes * 60_000);
  g.__sasaranSweepTimer.unref?.();
}
