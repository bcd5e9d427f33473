import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { actOnTicket } from "@/server/tickets/actions";

/** Answer the customer (first answer = first response; one more contact). Agents act on the tickets assigned to them. */
export const respondProcedure = roleProcedure("records:support")
  .input(z.object({ ticketId: z.uuid() }))
  .mutation(({ ctx, input }) => actOnTicket(ctx, { ticketId: input.ticketId, action: "respond" }));
