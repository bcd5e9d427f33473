"use client";
import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { toFormError, type FormError } from "@/components/errors";
import { PASSWORD_MIN, passwordProblem } from "@/server/auth/password-rules";
import { buttonClass, dangerButtonClass, ErrorText, TextField } from "@/components/ui";

const FIELDS = ["currentPassword", "newPassword"] as const;

/** Change password and sign out everywhere: both end every session of the user, this one too. */
export function AccountSecurity({ email }: { email: string }) {
  const trpc = useTRPC();
  const [values, setValues] = useState({ currentPassword: "", newPassword: "" });
  const [error, setError] = useState<FormError | null>(null);
  const [everywhereError, setEverywhereError] = useState<string | null>(null);
  const change = useMutation(trpc.me.changePassword.mutationOptions());
  const everywhere = useMutation(trpc.me.signOutEverywhere.mutationOptions());

  async function onChangePassword(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const problem = passwordProblem(values.newPassword, email);
    if (!values.currentPassword || problem) {
      setError({
        message: "Check the fields below.",
        fieldErrors: { ...(values.currentPassword ? {} : { currentPassword: ["Enter your current password."] }), ...(problem ? { newPassword: [problem] } : {}) },
      });
      return;
    }
    setError(null);
    try {
      await change.mutateAsync(values);
      await signOut({ callbackUrl: "/login?changed=1" });
    } catch (err) {
      setError(toFormError(err, FIELDS));
    }
  }

  async function onSignOutEverywhere() {
    setEverywhereError(null);
    try {
      await everywhere.mutateAsync();
      await signOut({ callbackUrl: "/login" });
    } catch (err) {
      setEverywhereError(toFormError(err).message);
    }
  }

  return (
    <div className="space-y-8">
      <form onSubmit={onChangePassword} noValidate className="space-y-4" aria-labelledby="change-password-title">
        <h2 id="change-password-title" className="text-lg font-semibold text-slate-900">
          Change password
        </h2>
        <TextField
          id="currentPassword"
          name="currentPassword"
          type="password"
          label="Current password"
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={(e) => setValues((v) => ({ ...v, currentPassword: e.target.value }))}
          errors={error?.fieldErrors.currentPassword}
        />
        <TextField
          id="newPassword"
          name="newPassword"
          type="password"
          label="New password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters, not your email, not a common password. You will sign in again everywhere.`}
          value={values.newPassword}
          onChange={(e) => setValues((v) => ({ ...v, newPassword: e.target.value }))}
          errors={error?.fieldErrors.newPassword}
        />
        <div aria-live="polite" className="empty:hidden">
          {error ? <ErrorText testId="password-error">{error.message}</ErrorText> : null}
        </div>
        <button type="submit" className={buttonClass} disabled={change.isPending}>
          {change.isPending ? "Changing…" : "Change password"}
        </button>
      </form>
      <section aria-labelledby="everywhere-title" className="space-y-3 border-t border-slate-200 pt-6">
        <h2 id="everywhere-title" className="text-lg font-semibold text-slate-900">
          Sign out everywhere
        </h2>
        <p className="text-sm text-slate-600">
          Ends every session of your account on every browser and device, this one included. Use it if you signed in on a shared computer or lost a device.
        </p>
        <div aria-live="polite" className="empty:hidden">
          {everywhereError ? <ErrorText testId="everywhere-error">{everywhereError}</ErrorText> : null}
        </div>
        <button type="button" className={dangerButtonClass} data-testid="sign-out-everywhere" disabled={everywhere.isPending} onClick={onSignOutEverywhere}>
          {everywhere.isPending ? "Signing out…" : "Sign out everywhere"}
        </button>
      </section>
    </div>
  );
}
