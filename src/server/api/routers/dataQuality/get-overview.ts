import { roleProcedure } from "@/server/api/trpc";
import { getDataQuality } from "@/server/data-quality/overview";

/** Completeness per key field and groups of likely duplicates, now. */
export const getOverviewProcedure = roleProcedure("dataQuality:manage").query(({ ctx }) => getDataQuality(ctx));
