"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { toFormError, type FormError } from "@/components/errors";
import { PASSWORD_MIN, passwordProblem } from "@/server/auth/password-rules";
import { buttonClass, ErrorText, Spinner, TextField } from "@/components/ui";

const FIELDS = ["name", "email", "password", "organizationName"] as const;
type Field = (typeof FIELDS)[number];

function validate(v: Record<Field, string>): Partial<Record<Field, string[]>> {
  const out: Partial<Record<Field, string[]>> = {};
  if (!v.name.trim()) out.name = ["Enter your name."];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) out.email = ["Enter a valid email address."];
  const pw = passwordProblem(v.password, v.email);
  if (pw) out.password = [pw];
  if (v.organizationName.trim().length < 2) out.organizationName = ["Enter your company's name."];
  return out;
}

export function SignupForm() {
  const router = useRouter();
  const trpc = useTRPC();
  const [values, setValues] = useState<Record<Field, string>>({ name: "", email: "", password: "", organizationName: "" });
  const [error, setError] = useState<FormError | null>(null);
  const [stage, setStage] = useState<"idle" | "creating" | "signing-in">("idle");
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const pending = stage !== "idle";

  const set = (field: Field) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const fieldErrors = (field: Field) => error?.fieldErrors[field];

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const local = validate(values);
    if (Object.keys(local).length) {
      setError({ message: "Check the highlighted fields.", fieldErrors: local as Record<string, string[]> });
      return;
    }
    setError(null);
    setStage("creating");
    const input = { name: values.name.trim(), email: values.email.trim(), password: values.password, organizationName: values.organizationName.trim() };
    try {
      await signUp.mutateAsync(input);
    } catch (err) {
      setError(toFormError(err, FIELDS));
      setStage("idle");
      return;
    }
    setStage("signing-in");
    try {
      const result = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (!result?.ok || result.error) {
        setError({ message: `Your account was created, but signing in failed: ${result?.error ?? "unknown error"}. Try signing in.`, fieldErrors: {} });
        setStage("idle");
        return;
      }
      router.push("/");
      router.refresh();
    } catch {
      setError({ message: "Your account was created, but we could not sign you in. Go to the sign-in page.", fieldErrors: {} });
      setStage("idle");
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <TextField id="name" name="name" label="Your name" autoComplete="name" required value={values.name} onChange={set("name")} disabled={pending} errors={fieldErrors("name")} />
      <TextField id="email" name="email" type="email" label="Email" autoComplete="email" required value={values.email} onChange={set("email")} disabled={pending} errors={fieldErrors("email")} />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        hint={`At least ${PASSWORD_MIN} characters, not your email, not a common password.`}
        value={values.password}
        onChange={set("password")}
        disabled={pending}
        errors={fieldErrors("password")}
      />
      <TextField
        id="organizationName"
        name="organizationName"
        label="Company name"
        autoComplete="organization"
        required
        value={values.organizationName}
        onChange={set("organizationName")}
        disabled={pending}
        errors={fieldErrors("organizationName")}
      />
      <div aria-live="polite">{error ? <ErrorText testId="signup-error">{error.message}</ErrorText> : null}</div>
      <button type="submit" className={`${buttonClass} w-full`} disabled={pending}>
        {pending ? <Spinner /> : null}
        {stage === "creating" ? "Creating organization…" : stage === "signing-in" ? "Signing in…" : "Create organization"}
      </button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
