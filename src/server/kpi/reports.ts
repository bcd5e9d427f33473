// Breakdown reports beside the KPI values (tables and distributions on dashboards). Same period rules.
import type { PrismaClient } from "@/generated/prisma/client";
import type { PeriodInput } from "./period";
import { period } from "./read";
import { campaignTable, leadConversionBy } from "./families/campaigns";
import { npsDistribution } from "./families/nps";
import { pipelineByStage } from "./families/pipeline";
import type { KpiFilters } from "./types";
import { cachingDb } from "./cache";

type Scope = { baseDb: PrismaClient; organizationId: string };

const range = (input: PeriodInput) => period(input).current;
/** the reports read through the KPI result cache (cache.ts) */
const db = (s: Scope) => cachingDb(s.baseDb, s.organizationId);
export const getPipeline = (s: Scope, input: { filters: KpiFilters }, now = new Date()) => pipelineByStage(db(s), s.organizationId, now, input.filters);
export const getCampaigns = (s: Scope, input: { period: PeriodInput }) => campaignTable(db(s), s.organizationId, range(input.period));
export const getLeadConversionBy = (s: Scope, input: { period: PeriodInput; by: "source" | "campaign" }) => leadConversionBy(db(s), s.organizationId, range(input.period), input.by);
export const getNpsDistribution = (s: Scope, input: { period: PeriodInput; filters: KpiFilters }) => npsDistribution(db(s), s.organizationId, range(input.period), input.filters);
