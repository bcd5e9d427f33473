import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { signUpProcedure } from "./routers/auth/sign-up";
import { getMeProcedure } from "./routers/me/get-me";
import { signOutEverywhereProcedure } from "./routers/me/sign-out-everywhere";
import { changePasswordProcedure } from "./routers/me/change-password";
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
import { listRecordsProcedure } from "./routers/records/list-records";
import { getRecordProcedure } from "./routers/records/get-record";
import { createRecordProcedure } from "./routers/records/create-record";
import { updateRecordProcedure } from "./routers/records/update-record";
import { deleteRecordProcedure } from "./routers/records/delete-record";
import { restoreRecordProcedure } from "./routers/records/restore-record";
import { recordOptionsProcedure } from "./routers/records/record-options";
import { listAuditProcedure } from "./routers/audit/list-audit";
import { getBoardProcedure } from "./routers/pipeline/get-board";
import { getStageDealsProcedure } from "./routers/pipeline/get-stage-deals";
import { moveDealProcedure } from "./routers/pipeline/move-deal";
import { listLeadsProcedure } from "./routers/pipeline/list-leads";
import { setLeadStatusProcedure } from "./routers/pipeline/set-lead-status";
import { convertLeadProcedure } from "./routers/pipeline/convert-lead";
import { getPipelineReportProcedure } from "./routers/pipeline/get-pipeline-report";
import { listStageDealsProcedure } from "./routers/pipeline/list-stage-deals";
import { listStagesProcedure } from "./routers/pipeline/list-stages";
import { createStageProcedure } from "./routers/pipeline/create-stage";
import { updateStageProcedure } from "./routers/pipeline/update-stage";
import { moveStageProcedure } from "./routers/pipeline/move-stage";
import { deleteStageProcedure } from "./routers/pipeline/delete-stage";
import { listScoreWeightsProcedure } from "./routers/scoring/list-score-weights";
import { setScoreWeightProcedure } from "./routers/scoring/set-score-weight";
import { removeScoreWeightProcedure } from "./routers/scoring/remove-score-weight";
import { getScoreBandsProcedure } from "./routers/scoring/get-score-bands";
import { listTicketsProcedure } from "./routers/tickets/list-tickets";
import { respondProcedure } from "./routers/tickets/respond";
import { logContactProcedure } from "./routers/tickets/log-contact";
import { resolveProcedure } from "./routers/tickets/resolve";
import { reopenProcedure } from "./routers/tickets/reopen";
import { listSurveysProcedure } from "./routers/surveys/list-surveys";
import { createSurveyProcedure } from "./routers/surveys/create-survey";
import { setSurveyActiveProcedure } from "./routers/surveys/set-survey-active";
import { createSurveyLinkProcedure } from "./routers/surveys/create-survey-link";
import { listLinkTargetsProcedure } from "./routers/surveys/list-link-targets";
import { getOverviewProcedure as getDataQualityProcedure } from "./routers/dataQuality/get-overview";
import { mergeAccountsProcedure } from "./routers/dataQuality/merge-accounts";
import { mergeContactsProcedure } from "./routers/dataQuality/merge-contacts";
import { listGoalsProcedure } from "./routers/goals/list-goals";
import { listGoalsAtRiskProcedure } from "./routers/goals/list-goals-at-risk";
import { getGoalProcedure } from "./routers/goals/get-goal";
import { getGoalFormOptionsProcedure } from "./routers/goals/get-goal-form-options";
import { previewGoalProcedure } from "./routers/goals/preview-goal";
import { createGoalProcedure } from "./routers/goals/create-goal";
import { updateGoalProcedure } from "./routers/goals/update-goal";
import { archiveGoalProcedure } from "./routers/goals/archive-goal";
import { checkInGoalProcedure } from "./routers/goals/check-in-goal";
import { listJobsProcedure } from "./routers/import/list-jobs";
import { getJobProcedure } from "./routers/import/get-job";
import { updateMappingProcedure } from "./routers/import/update-mapping";
import { validateJobProcedure } from "./routers/import/validate-job";
import { commitJobProcedure } from "./routers/import/commit-job";
import { cancelJobProcedure } from "./routers/import/cancel-job";
import { listRulesProcedure } from "./routers/automation/list-rules";
import { getFormOptionsProcedure as getAutomationFormOptionsProcedure } from "./routers/automation/get-form-options";
import { createRuleProcedure } from "./routers/automation/create-rule";
import { updateRuleProcedure } from "./routers/automation/update-rule";
import { setRuleActiveProcedure } from "./routers/automation/set-rule-active";
import { testRuleProcedure } from "./routers/automation/test-rule";
import { listRunsProcedure } from "./routers/automation/list-runs";
import { createExampleRulesProcedure } from "./routers/automation/create-example-rules";
import { deleteRuleProcedure } from "./routers/automation/delete-rule";
import { listNotificationsProcedure } from "./routers/notifications/list-notifications";
import { countUnreadProcedure } from "./routers/notifications/count-unread";
import { markAllReadProcedure } from "./routers/notifications/mark-all-read";

// Routers only wire procedures up; each procedure lives in its own file.
export const appRouter = createTRPCRouter({
  auth: createTRPCRouter({ signUp: signUpProcedure }),
  me: createTRPCRouter({ get: getMeProcedure, signOutEverywhere: signOutEverywhereProcedure, changePassword: changePasswordProcedure }),
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
  // one set of procedures for every record type (the type is an input; src/server/records/types/ defines each)
  records: createTRPCRouter({
    list: listRecordsProcedure,
    get: getRecordProcedure,
    options: recordOptionsProcedure,
    create: createRecordProcedure,
    update: updateRecordProcedure,
    // restore is wired after delete on purpose: the access sweep runs them in this order and restores what it deleted
    delete: deleteRecordProcedure,
    restore: restoreRecordProcedure,
  }),
  audit: createTRPCRouter({ list: listAuditProcedure }),
  pipeline: createTRPCRouter({
    getBoard: getBoardProcedure,
    getStageDeals: getStageDealsProcedure,
    moveDeal: moveDealProcedure,
    listLeads: listLeadsProcedure,
    setLeadStatus: setLeadStatusProcedure,
    convertLead: convertLeadProcedure,
    getReport: getPipelineReportProcedure,
    listStageDeals: listStageDealsProcedure,
    listStages: listStagesProcedure,
    createStage: createStageProcedure,
    updateStage: updateStageProcedure,
    moveStage: moveStageProcedure,
    deleteStage: deleteStageProcedure,
  }),
  scoring: createTRPCRouter({
    listWeights: listScoreWeightsProcedure,
    setWeight: setScoreWeightProcedure,
    removeWeight: removeScoreWeightProcedure,
    getBands: getScoreBandsProcedure,
  }),
  tickets: createTRPCRouter({
    list: listTicketsProcedure,
    respond: respondProcedure,
    logContact: logContactProcedure,
    resolve: resolveProcedure,
    reopen: reopenProcedure,
  }),
  surveys: createTRPCRouter({
    list: listSurveysProcedure,
    create: createSurveyProcedure,
    setActive: setSurveyActiveProcedure,
    createLink: createSurveyLinkProcedure,
    listLinkTargets: listLinkTargetsProcedure,
  }),
  dataQuality: createTRPCRouter({
    getOverview: getDataQualityProcedure,
    mergeAccounts: mergeAccountsProcedure,
    mergeContacts: mergeContactsProcedure,
  }),
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
  import: createTRPCRouter({
    listJobs: listJobsProcedure,
    getJob: getJobProcedure,
    updateMapping: updateMappingProcedure,
    validate: validateJobProcedure,
    commit: commitJobProcedure,
    cancel: cancelJobProcedure,
  }),
  automation: createTRPCRouter({
    listRules: listRulesProcedure,
    getFormOptions: getAutomationFormOptionsProcedure,
    createRule: createRuleProcedure,
    updateRule: updateRuleProcedure,
    setRuleActive: setRuleActiveProcedure,
    testRule: testRuleProcedure,
    listRuns: listRunsProcedure,
    createExampleRules: createExampleRulesProcedure,
    // last: the access sweep runs procedures in this order and deletes a rule here
    deleteRule: deleteRuleProcedure,
  }),
  notifications: createTRPCRouter({
    list: listNotificationsProcedure,
    countUnread: countUnreadProcedure,
    markAllRead: markAllReadProcedure,
  }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
