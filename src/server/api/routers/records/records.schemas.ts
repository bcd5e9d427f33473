import { z } from "zod";
import { recordTypeSchema } from "@/server/records/list-params";

export { listInputSchema as listRecordsInput } from "@/server/records/list-params";

const id = z.uuid("id must be a record id.");
/** form values by field name; each type's fields validate them (src/server/records/types/) */
const data = z.record(z.string().max(50), z.unknown(), { message: "data must be an object of field values." });

export const recordRefInput = z.object({ type: recordTypeSchema, id });
export const createRecordInput = z.object({ type: recordTypeSchema, data });
export const updateRecordInput = z.object({ type: recordTypeSchema, id, data });
export const recordOptionsInput = z.object({ type: recordTypeSchema, field: z.string().max(50), q: z.string().trim().max(100).optional() });
