// The guided goal form's values and defaults: a plain module, so server pages can build them too.
import type { RouterOutputs } from "@/trpc/react";

type Options = RouterOutputs["goals"]["getFormOptions"];

export const TEXT_FILTERS = ["source", "segment", "channel", "priority"] as const;

export type GoalFormValues = {
  title: string;
  kpiId: string;
  owner: string; // "user:<id>" | "team:<id>"
  ownScope: boolean; // count only the owner's records (filters.ownerId / filters.teamId)
  otherFilters: Partial<Record<"source" | "segment" | "channel" | "priority", string>>;
  startDate: string;
  deadline: string;
  targetType: "ABSOLUTE" | "RELATIVE";
  targetValue: string;
  manualBaseline: boolean;
  baselineValue: string;
  baselineNote: string;
  actionPlan: string;
  whyItMatters: string;
  cadence: "MONTHLY" | "QUARTERLY" | "YEARLY" | "AFTER_CAMPAIGN";
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Defaults: starts today, ends at the end of next quarter, reviewed monthly. */
export function defaultGoalValues(options: Options): GoalFormValues {
  const now = new Date();
  const endOfNextQuarter = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 + 6, 0));
  const me = options.people.find((p) => p.isMe);
  return {
    title: "", kpiId: "", owner: me ? `user:${me.id}` : "", ownScope: false, otherFilters: {}, startDate: isoDay(now), deadline: isoDay(endOfNextQuarter),
    targetType: "ABSOLUTE", targetValue: "", manualBaseline: false, baselineValue: "", baselineNote: "", actionPlan: "", whyItMatters: "", cadence: "MONTHLY",
  };
}

