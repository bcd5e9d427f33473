// Import jobs shared by several app instances (the HTTP version with two real servers is in test/instances/):
// a job another instance is running (its heartbeat keeps updatedAt fresh) reads as running, never "interrupted";
// one whose row stopped moving reads as interrupted; a cancel for it is asked through the row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STALE_MS } from "@/server/import/jobs";
import { createTestDb, type TestDb } from "./db";
import { callerAs, createFixtures, type Fixtures } from "./fixtures";

let t: TestDb;
let f: Fixtures;
beforeAll(async () => {
  t = await createTestDb();
  f = await createFixtures(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe("a job running on another instance", () => {
  it("reads as running while its heartbeat is fresh, and as interrupted once it is stale", async () => {
    const jobId = f.alpha.importJobs.ticket;
    const crm = callerAs(t.db, f.alpha, "CRM_MANAGER");
    // what the other instance's pass writes: status, progress, and updatedAt at every beat
    await t.db.importJob.update({ where: { id: jobId }, data: { status: "VALIDATING", processedRows: 4096 } });
    const fresh = await crm.import.getJob({ jobId });
    expect(fresh).toMatchObject({ status: "VALIDATING", running: true, processedRows: 4096 });
    // a second validation from this instance does not start another pass, nor may the mapping change
    expect(await crm.import.validate({ jobId })).toMatchObject({ status: "VALIDATING", running: true });
    await expect(crm.import.updateMapping({ jobId, mapping: { "0": "subject", "1": "channel" }, duplicateMode: "skip", dateFormat: "iso" })).rejects.toThrow(/can no longer change/);

    await t.db.$executeRawUnsafe(`UPDATE "ImportJob" SET "updatedAt" = now() - interval '${Math.ceil(STALE_MS / 1000) + 5} seconds' WHERE id = $1::uuid`, jobId);
    const stale = await crm.import.getJob({ jobId });
    expect(stale).toMatchObject({ status: "FAILED", running: false });
    expect(stale.message).toMatch(/interrupted/);
  });

  it("a cancel for a job running elsewhere is asked through the row", async () => {
    const jobId = f.alpha.importJobs.deal;
    await t.db.importJob.update({ where: { id: jobId }, data: { status: "VALIDATING" } });
    // keep the heartbeat fresh while the cancel waits, as the running instance would, until it sees the request
    const beat = setInterval(() => void t.db.importJob.update({ where: { id: jobId }, data: { processedRows: { increment: 1 } } }).catch(() => {}), 200);
    try {
      await callerAs(t.db, f.alpha, "SALES_MANAGER").import.cancel({ jobId });
    } finally {
      clearInterval(beat);
    }
    const row = await t.db.importJob.findUniqueOrThrow({ where: { id: jobId }, select: { cancelRequestedAt: true } });
    expect(row.cancelRequestedAt).toBeInstanceOf(Date);
  });
});
