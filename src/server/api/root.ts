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
import { listGoalsProcedure } from "./routers/goals/list-goals";
import { listGoalsAtRiskProcedure } from "./routers/goals/list-goals-at-risk";
import { getGoalProcedure } from "./routers/goals/get-goal";
import { getGoalFormOptionsProcedure } from "./routers/goals/get-goal-form-options";
import { previewGoalProcedure } from "./routers/goals/preview-goal";
import { createGoalProcedure } from "./routers/goals/create-goal";
import { updateGoalProcedure } from "./routers/goals/update-goal";
import { archiveGoalProcedure } from "./routers/goals/archive-goal";
import { checkInGoalProcedure } from "./routers/goals/check-in-goal";

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
  goals: createTRPCRouter({
    list: listGoalsProcedure,
    listAtRisk: listGoalsAtRiskProcedure,
    get: getGoalProcedure,
    getFormOptions: getGoalFormOptionsProcedure,
    preview: previewGoalProcedure,
    create: createGoalProcedure,
    update: updateGoalProcedure,
    archive: archiveGoalProcedure,
    checkIn: checkInGoalProcedure,
  }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
