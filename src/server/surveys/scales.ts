// The answer scale of each survey type: the one place both the public page and the server check against.
// Pure module (safe on the client). The KPIs read the scores as stored: NPS 0-10 (promoters 9-10, detractors
// 0-6), CSAT 1-5 (satisfied 4-5), CES 1-7 (1 = very difficult ... 7 = very easy, higher is better).

export const SURVEY_TYPES = ["NPS", "CSAT", "CES"] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];

export type Scale = { min: number; max: number; lowLabel: string; highLabel: string };

export const SURVEY_SCALES: Record<SurveyType, Scale> = {
  NPS: { min: 0, max: 10, lowLabel: "Not at all likely", highLabel: "Extremely likely" },
  CSAT: { min: 1, max: 5, lowLabel: "Very dissatisfied", highLabel: "Very satisfied" },
  CES: { min: 1, max: 7, lowLabel: "Very difficult", highLabel: "Very easy" },
};

export const SURVEY_TYPE_LABELS: Record<SurveyType, string> = {
  NPS: "Net Promoter Score (0-10)",
  CSAT: "Customer satisfaction (1-5)",
  CES: "Customer effort (1-7)",
};

export const DEFAULT_QUESTIONS: Record<SurveyType, string> = {
  NPS: "How likely are you to recommend us to a friend or colleague?",
  CSAT: "How satisfied are you with the help you received?",
  CES: "How easy was it to get your issue resolved?",
};

export const MAX_COMMENT = 2000;

export function scaleValues(type: SurveyType): number[] {
  const s = SURVEY_SCALES[type];
  return Array.from({ length: s.max - s.min + 1 }, (_, i) => s.min + i);
}

/** The score as an integer on the type's scale, or an error message naming the field. */
export function parseScore(type: SurveyType, raw: unknown): { score: number } | { error: string } {
  const s = SURVEY_SCALES[type];
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) return { error: `score: choose a number from ${s.min} to ${s.max}.` };
  if (n < s.min || n > s.max) return { error: `score: must be from ${s.min} to ${s.max}.` };
  return { score: n };
}
