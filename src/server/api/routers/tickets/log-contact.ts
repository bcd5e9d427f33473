import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { actOnTicket } from "@/server/tickets/actions";

/** Log a contact with the customer made outside the app (a call, a chat). Agents act on the tickets assigned to them. */
export const logContactProcedure = roleProcedure("records:support")
  .input(z.object({ ticketId: z.uuid() }))
  .mutation(({ ctx, input }) => actOnTicket(ctx, { ticketId: input.ticketId, action: "logContact" }));
