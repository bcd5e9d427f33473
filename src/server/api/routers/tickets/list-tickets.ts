import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { listTickets, TICKET_VIEWS } from "@/server/tickets/actions";

/** The ticket desk: open / resolved / all tickets; agents see the ones assigned to them. */
export const listTicketsProcedure = roleProcedure("records:support")
  .input(z.object({ view: z.enum(TICKET_VIEWS).optional(), assigneeId: z.uuid().nullish(), page: z.number().int().min(1).max(100_000).optional() }).optional())
  .query(({ ctx, input }) => listTickets(ctx, input ?? {}));
