import { z } from "zod";
import { roleProcedure } from "@/server/api/trpc";
import { actOnTicket } from "@/server/tickets/actions";

/** Reopen a resolved ticket (reopen count + 1). Agents act on the tickets assigned to them. */
export const reopenProcedure = roleProcedure("records:support")
  .input(z.object({ ticketId: z.uuid() }))
  .mutation(({ ctx, input }) => actOnTicket(ctx, { ticketId: input.ticketId, action: "reopen" }));
