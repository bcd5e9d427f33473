import { DashboardSkeleton } from "../_components/skeleton";

export default function Loading() {
  return <DashboardSkeleton sections={[{ cards: 8 }, { panels: [240, 240] }, { cards: 6 }, { cards: 7 }]} />;
}
