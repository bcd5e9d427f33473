import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { signUpProcedure } from "./routers/auth/sign-up";
import { getMeProcedure } from "./routers/me/get-me";
import { listMembersProcedure } from "./routers/org/list-members";
import { addMemberProcedure } from "./routers/org/add-member";
import { updateMemberProcedure } from "./routers/org/update-member";
import { listTeamsProcedure } from "./routers/org/list-teams";
import { createTeamProcedure } from "./routers/org/create-team";
import { getHomeSummaryProcedure } from "./routers/home/get-home-summary";
import { listKpisProcedure } from "./routers/kpi/list-kpis";
import { getKpiProcedure } from "./routers/kpi/get-kpi";
import { getKpisProcedure } from "./routers/kpi/get-kpis";
import { getDrillDownProcedure } from "./routers/kpi/get-drill-down";
import { getPipelineProcedure } from "./routers/kpi/get-pipeline";
import { getCampaignsProcedure } from "./routers/kpi/get-campaigns";
import { getLeadConversionByProcedure } from "./routers/kpi/get-lead-conversion-by";
import { getNpsDistributionProcedure } from "./routers/kpi/get-nps-distribution";
import { getFilterOptionsProcedure } from "./routers/kpi/get-filter-options";
import { getMyQueueProcedure } from "./routers/work/get-my-queue";
import { listJobsProcedure } from "./routers/import/list-jobs";
import { getJobProcedure } from "./routers/import/get-job";
import { updateMappingProcedure } from "./routers/import/update-mapping";
import { validateJobProcedure } from "./routers/import/validate-job";
import { commitJobProcedure } from "./routers/import/commit-job";
import { cancelJobProcedure } from "./routers/import/cancel-job";

// Routers only wire procedures up; each procedure lives in its own file.
export const appRouter = createTRPCRouter({
  auth: createTRPCRouter({ signUp: signUpProcedure }),
  me: createTRPCRouter({ get: getMeProcedure }),
  org: createTRPCRouter({
    listMembers: listMembersProcedure,
    addMember: addMemberProcedure,
    updateMember: updateMemberProcedure,
    listTeams: listTeamsProcedure,
    createTeam: createTeamProcedure,
  }),
  home: createTRPCRouter({ getSummary: getHomeSummaryProcedure }),
  kpi: createTRPCRouter({
    list: listKpisProcedure,
    get: getKpiProcedure,
    getMany: getKpisProcedure,
    drillDown: getDrillDownProcedure,
    getPipeline: getPipelineProcedure,
    getCampaigns: getCampaignsProcedure,
    getLeadConversionBy: getLeadConversionByProcedure,
    getNpsDistribution: getNpsDistributionProcedure,
    getFilterOptions: getFilterOptionsProcedure,
  }),
  work: createTRPCRouter({ getMyQueue: getMyQueueProcedure }),
  import: createTRPCRouter({
    listJobs: listJobsProcedure,
    getJob: getJobProcedure,
    updateMapping: updateMappingProcedure,
    validate: validateJobProcedure,
    commit: commitJobProcedure,
    cancel: cancelJobProcedure,
  }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
