// The lead-scoring model: which attributes a weight may be set on, and how a lead's value is matched.
// Pure module (safe on the client: the settings page builds its form from it).
//
// A lead's score = the sum over the organization's weights of
//   - demographic weights: `points` when the lead's attribute matches the weight's value
//       industry      lead.industry equals the value (case-insensitive)
//       companySize   the band of lead.employees (COMPANY_SIZE_BANDS) equals the value
//       titleKeyword  lead.title contains the value (case-insensitive), e.g. "vp", "director", "head"
//       incomeBand    lead.incomeBand equals the value (INCOME_BANDS)
//   - behaviour weights: `points` × the lead's count, capped at `maxPoints` when set
//       websiteVisits, formSubmits, downloads, emailOpens, emailReplies (columns of the lead)
//       pastPurchases (purchases, not deleted, of the lead's account)
// rounded to a whole number and kept within 0..100 (SCORE_MAX). The SQL is in recompute.ts.

export const SCORE_MAX = 100;

export const DEMOGRAPHIC_ATTRIBUTES = ["industry", "companySize", "titleKeyword", "incomeBand"] as const;
export const BEHAVIOUR_ATTRIBUTES = ["websiteVisits", "formSubmits", "downloads", "emailOpens", "emailReplies", "pastPurchases"] as const;
export const SCORING_ATTRIBUTES = [...DEMOGRAPHIC_ATTRIBUTES, ...BEHAVIOUR_ATTRIBUTES] as const;
export type ScoringAttribute = (typeof SCORING_ATTRIBUTES)[number];

export const ATTRIBUTE_LABELS: Record<ScoringAttribute, string> = {
  industry: "Industry is",
  companySize: "Company size (employees) is",
  titleKeyword: "Job title contains",
  incomeBand: "Yearly revenue band is",
  websiteVisits: "Website visits",
  formSubmits: "Form submissions",
  downloads: "Downloads",
  emailOpens: "Email opens",
  emailReplies: "Email replies",
  pastPurchases: "Past purchases of the lead's account",
};

/** Bands of Lead.employees: [label, lowest, highest] (the SQL CASE in recompute.ts uses the same bounds). */
export const COMPANY_SIZE_BANDS = [
  ["1-10", 1, 10],
  ["11-50", 11, 50],
  ["51-200", 51, 200],
  ["201-1000", 201, 1000],
  ["1001+", 1001, null],
] as const;

/** Values of Lead.incomeBand: the company's yearly revenue. */
export const INCOME_BANDS = ["under 1M", "1M-10M", "10M-50M", "50M+"] as const;

export function isDemographic(a: ScoringAttribute): boolean {
  return (DEMOGRAPHIC_ATTRIBUTES as readonly string[]).includes(a);
}

/** The band of an employee count, as the SQL computes it (null when unknown or below 1). */
export function companySizeBand(employees: number | null | undefined): string | null {
  if (employees == null) return null;
  for (const [label, lo, hi] of COMPANY_SIZE_BANDS) if (employees >= lo && (hi === null || employees <= hi)) return label;
  return null;
}

/** Score bands of the conversion report: 0-19, 20-39, 40-59, 60-79, 80-100 (the last one includes 100). */
export const SCORE_BAND_WIDTH = 20;
export const SCORE_BANDS = [0, 20, 40, 60, 80].map((lo) => ({ lo, hi: lo === 80 ? SCORE_MAX : lo + SCORE_BAND_WIDTH - 1, label: `${lo}–${lo === 80 ? SCORE_MAX : lo + SCORE_BAND_WIDTH - 1}` }));

export type WeightInput = { attribute: ScoringAttribute; value: string; points: number; maxPoints: number | null };

/** A sensible default model (the demo company and new organizations start with it). */
export const DEFAULT_SCORING_WEIGHTS: WeightInput[] = [
  { attribute: "industry", value: "software", points: 10, maxPoints: null },
  { attribute: "industry", value: "financial services", points: 8, maxPoints: null },
  { attribute: "industry", value: "healthcare", points: 6, maxPoints: null },
  { attribute: "companySize", value: "51-200", points: 8, maxPoints: null },
  { attribute: "companySize", value: "201-1000", points: 12, maxPoints: null },
  { attribute: "companySize", value: "1001+", points: 15, maxPoints: null },
  { attribute: "titleKeyword", value: "ceo", points: 15, maxPoints: null },
  { attribute: "titleKeyword", value: "vp", points: 12, maxPoints: null },
  { attribute: "titleKeyword", value: "head", points: 8, maxPoints: null },
  { attribute: "titleKeyword", value: "director", points: 8, maxPoints: null },
  { attribute: "websiteVisits", value: "", points: 2, maxPoints: 20 },
  { attribute: "formSubmits", value: "", points: 8, maxPoints: 24 },
  { attribute: "downloads", value: "", points: 6, maxPoints: 18 },
  { attribute: "emailOpens", value: "", points: 1, maxPoints: 10 },
  { attribute: "emailReplies", value: "", points: 10, maxPoints: 30 },
  { attribute: "pastPurchases", value: "", points: 5, maxPoints: 15 },
];
