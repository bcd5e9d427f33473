import { DashboardSkeleton } from "../_components/skeleton";

export default function Loading() {
  return <DashboardSkeleton sections={[{ cards: 4 }, { panels: [220, 220] }, { cards: 9 }, { panels: [240, 240] }]} />;
}
