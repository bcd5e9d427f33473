import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { actOnTicket } from "@/server/tickets/actions";

/** Resolve the ticket (a ticket resolved without any earlier contact was resolved on first contact). Agents act on the tickets assigned to them. */
export const resolveProcedure = roleProcedure("records:support")
  .input(z.object({ ticketId: z.uuid() }))
  .mutation(({ ctx, input }) => actOnTicket(ctx, { ticketId: input.ticketId, action: "resolve" }));
