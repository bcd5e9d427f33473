"use client";
// Chart.js registers its pieces once per page; every chart module imports this file.
import { BarElement, CategoryScale, Chart as ChartJS, Filler, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Filler, Tooltip, Legend);
ChartJS.defaults.font.family = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
ChartJS.defaults.color = "#475569";
// dashboards render on the server and swap in: no animation, so charts are final (and testable) at once
ChartJS.defaults.animation = false;

export const COLORS = {
  indigo: "#4f46e5",
  indigoSoft: "rgba(79, 70, 229, 0.12)",
  sky: "#0ea5e9",
  emerald: "#059669",
  amber: "#d97706",
  red: "#dc2626",
  slate: "#94a3b8",
  violet: "#7c3aed",
} as const;
export const PALETTE = [COLORS.indigo, COLORS.sky, COLORS.emerald, COLORS.amber, COLORS.violet, COLORS.red, COLORS.slate];

export { ChartJS };
