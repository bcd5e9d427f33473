import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePermission } from "@/server/auth/session";
import { getQueryClient, trpc } from "@/trpc/server";
import { MembersManager } from "./members-manager";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const session = await requirePermission("org:manageUsers");
  const queryClient = getQueryClient();
  // fetched on the server so the table renders at once; a failure here is shown by the client query
  await Promise.all([queryClient.prefetchQuery(trpc.org.listMembers.queryOptions()), queryClient.prefetchQuery(trpc.org.listTeams.queryOptions())]);
  return (
    <div>
      <header className="mb-8">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Users</h1>
        <p className="mt-1 text-sm text-slate-600">
          People in {session.user.organizationName}: their role decides what they can see. Teams group reps and agents under a manager.
        </p>
      </header>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <MembersManager currentUserId={session.user.id} />
      </HydrationBoundary>
    </div>
  );
}
