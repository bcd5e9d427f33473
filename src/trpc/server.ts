import "server-only";
import { cache } from "react";
import { appRouter, createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { callerFrom, getSession, readMembership } from "@/server/auth/session";
import { makeQueryClient } from "./query-client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";

// Server components call procedures directly (same checks as over HTTP).
const createServerContext = cache(async () => {
  const caller = callerFrom(await getSession());
  return createContext(caller, undefined, caller ? () => readMembership(caller.userId, caller.organizationId) : undefined);
});
export const getQueryClient = cache(makeQueryClient);
export const trpc = createTRPCOptionsProxy({ ctx: createServerContext, router: appRouter, queryClient: getQueryClient });
export async function api() {
  return createCaller(await createServerContext());
}
