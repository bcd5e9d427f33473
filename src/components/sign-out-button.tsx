"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { secondaryButtonClass } from "./ui";

export function SignOutButton({ className = "" }: { className?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={`${secondaryButtonClass} ${className}`}
      disabled={pending}
      onClick={async () => {
        setPending(true);
        try {
          await signOut({ callbackUrl: "/login" });
        } catch {
          setPending(false);
        }
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
