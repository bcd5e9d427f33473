"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { buttonClass, ErrorText, Spinner, TextField } from "@/components/ui";

// next-auth's error codes (?error=...) in plain words; anything else is a message thrown by authorize.
const NEXT_AUTH_ERRORS: Record<string, string> = {
  CredentialsSignin: "Email or password is incorrect.",
  SessionRequired: "Sign in to see that page.",
  AccessDenied: "You do not have access to that.",
  Configuration: "Sign-in is not configured correctly on the server. Tell your administrator.",
  Verification: "The sign-in link is no longer valid.",
  Default: "Could not sign you in. Try again.",
  Signin: "Could not sign you in. Try again.",
  Callback: "Could not sign you in. Try again.",
};

function errorText(code: string | null | undefined): string | null {
  if (!code) return null;
  if (NEXT_AUTH_ERRORS[code]) return NEXT_AUTH_ERRORS[code];
  if (/fetch|network/i.test(code)) return "Could not reach the server. Check your connection and try again.";
  return code.length > 300 ? NEXT_AUTH_ERRORS.Default! : code;
}

/** Only same-origin destinations; anything else goes home. */
function safeDestination(callbackUrl: string | null): string {
  if (!callbackUrl) return "/";
  try {
    const url = new URL(callbackUrl, window.location.origin);
    if (url.origin !== window.location.origin) return "/";
    const path = `${url.pathname}${url.search}${url.hash}`;
    return path.startsWith("/login") || path.startsWith("/signup") ? "/" : path;
  } catch {
    return "/";
  }
}

export function LoginForm({ callbackUrl, errorParam }: { callbackUrl: string | null; errorParam: string | null }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(errorText(errorParam));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setError(null);
    if (!email.trim() || !password) {
      setError("Enter your email and password.");
      return;
    }
    setPending(true);
    try {
      const result = await signIn("credentials", { email: email.trim(), password, redirect: false });
      if (!result || result.error || !result.ok) {
        setError(errorText(result?.error) ?? NEXT_AUTH_ERRORS.Default!);
        setPending(false);
        return;
      }
      router.push(safeDestination(callbackUrl));
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-describedby={error ? "login-error" : undefined}>
      <TextField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        disabled={pending}
      />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        disabled={pending}
      />
      <div aria-live="polite">
        {error ? (
          <ErrorText testId="login-error">
            <span id="login-error">{error}</span>
          </ErrorText>
        ) : null}
      </div>
      <button type="submit" className={`${buttonClass} w-full`} disabled={pending}>
        {pending ? (
          <>
            <Spinner /> Signing in…
          </>
        ) : (
          "Sign in"
        )}
      </button>
      <p className="text-center text-sm text-slate-600">
        New to Sasaran?{" "}
        <Link href="/signup" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
