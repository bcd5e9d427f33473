// Breakdown reports beside the KPI values (tables and distributions on dashboards). Same period rules.
import type { PrismaClient } from "@/generated/prisma/client";
import { UserError } from "@/server/errors";
import { PeriodError, resolvePeriod, type PeriodInput } from "./period";
import { campaignTable, leadConversionBy } from "./families/campaigns";
import { npsDistribution } from "./families/nps";
import { pipelineByStage } from "./families/pipeline";
import type { KpiFilters } from "./types";

type Scope = { baseDb: PrismaClient; organizationId: string };

function range(input: PeriodInput) {
  try {
    return resolvePeriod(input).current;
  } catch (e) {
    if (e instanceof PeriodError) throw new UserError(`period.${e.message}`);
    throw e;
  }
}

export const getPipeline = (s: Scope, input: { filters: KpiFilters }, now = new Date()) => pipelineByStage(s.baseDb, s.organizationId, now, input.filters);
export const getCampaigns = (s: Scope, input: { period: PeriodInput }) => campaignTable(s.baseDb, s.organizationId, range(input.period));
export const getLeadConversionBy = (s: Scope, input: { period: PeriodInput; by: "source" | "campaign" }) => leadConversionBy(s.baseDb, s.organizationId, range(input.period), input.by);
export const getNpsDistribution = (s: Scope, input: { period: PeriodInput; filters: KpiFilters }) => npsDistribution(s.baseDb, s.organizationId, range(input.period), input.filters);
