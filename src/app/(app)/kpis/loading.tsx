import { PageSkeleton } from "@/components/page-skeleton";

export default PageSkeleton;
