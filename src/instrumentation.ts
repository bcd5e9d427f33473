// Runs once when the Next.js server starts. Starts the automation sweep timer ("idle for N days" rules) in the
// Node.js server process; AUTOMATION_SWEEP_MINUTES=0 switches it off (the browser tests do).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { sweepIntervalMinutes, startSweepTimer } = await import("@/server/automation/timer");
  const minutes = sweepIntervalMinutes(process.env.AUTOMATION_SWEEP_MINUTES);
  if (minutes > 0) startSweepTimer(minutes);
}
