import { z } from "zod";
import { GRAINS, PRESETS } from "@/server/kpi/period";

const date = z.coerce.date({ message: "must be a date" });

export const periodInput = z.union(
  [
    z.object({ preset: z.enum(PRESETS, { message: `preset must be one of ${PRESETS.join(", ")}` }) }).strict(),
    z.object({ start: date, end: date }).strict(),
  ],
  { message: "period: give a preset or a start and end date" },
);

const text = z.string().trim().min(1).max(120);
export const filtersInput = z
  .object({
    ownerId: z.uuid("must be a user id").optional(),
    teamId: z.uuid("must be a team id").optional(),
    campaignId: z.uuid("must be a campaign id").optional(),
    source: text.optional(),
    segment: text.optional(),
    channel: text.optional(),
    priority: text.optional(),
  })
  .strict()
  .default({});

const kpiId = z.string().min(1).max(80).regex(/^[a-z0-9_]+$/, "must be a KPI id");

export const getKpiInput = z.object({ kpiId, period: periodInput, grain: z.enum(GRAINS).optional(), filters: filtersInput, series: z.boolean().default(true) });
/** compare: false leaves out the previous period (its value is null, "not compared"), e.g. for a breakdown table */
export const getKpisInput = z.object({ kpiIds: z.array(kpiId).min(1).max(60), period: periodInput, grain: z.enum(GRAINS).optional(), filters: filtersInput, series: z.boolean().default(true), compare: z.boolean().default(true) });
export const drillDownInput = z.object({
  kpiId,
  period: periodInput,
  filters: filtersInput,
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export const reportInput = z.object({ period: periodInput, filters: filtersInput });
export const leadConversionByInput = z.object({ period: periodInput, by: z.enum(["source", "campaign"], { message: "by must be source or campaign" }) });
