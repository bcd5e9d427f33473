import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSession } from "@/server/auth/session";
import { isRole } from "@/server/auth/permissions";
import { AuthShell } from "@/components/ui";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

function first(v: string | string[] | undefined) {
  return Array.isArray(v) ? v[0] : v;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await getSession();
  if (session?.user?.id && isRole(session.user.role)) redirect("/");
  const params = await searchParams;
  return (
    <AuthShell title="Sign in to your account" subtitle="Track whether your CRM strategy is working.">
      <LoginForm callbackUrl={first(params.callbackUrl) ?? null} errorParam={first(params.error) ?? null} />
    </AuthShell>
  );
}
