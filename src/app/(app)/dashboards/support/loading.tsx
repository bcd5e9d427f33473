import { DashboardSkeleton } from "../_components/skeleton";

export default function Loading() {
  return <DashboardSkeleton sections={[{ cards: 4 }, { panels: [240, 240] }, { cards: 7 }, { panels: [240, 240] }]} />;
}
