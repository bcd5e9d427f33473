import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSession } from "@/server/auth/session";
import { isRole } from "@/server/auth/permissions";
import { AuthShell } from "@/components/ui";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignupPage() {
  const session = await getSession();
  if (session?.user?.id && isRole(session.user.role)) redirect("/");
  return (
    <AuthShell title="Create your Sasaran account" subtitle="You become the CRM manager of your company's workspace.">
      <SignupForm />
    </AuthShell>
  );
}
