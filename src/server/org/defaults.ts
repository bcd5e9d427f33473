// What a new organization starts with.
export const DEFAULT_PIPELINE_STAGES = [
  { name: "Prospecting", position: 1, probability: 10, kind: "OPEN" },
  { name: "Qualification", position: 2, probability: 20, kind: "OPEN" },
  { name: "Needs Analysis", position: 3, probability: 40, kind: "OPEN" },
  { name: "Proposal", position: 4, probability: 60, kind: "OPEN" },
  { name: "Negotiation", position: 5, probability: 80, kind: "OPEN" },
  { name: "Closed Won", position: 6, probability: 100, kind: "WON" },
  { name: "Closed Lost", position: 7, probability: 0, kind: "LOST" },
] as const;
