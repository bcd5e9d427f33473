"use client";
import Link from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * A Link that prefetches its route only once the user points at it or tabs to it, not when it scrolls into view.
 * Next.js prefetches every link in the viewport by default: a dashboard with its navigation and two links per
 * KPI card sent 55 prefetch requests right after loading (each signs the session in and renders the page's
 * shell: 30-70 ms of server time), competing with the dashboard's own sections on a 2-core server.
 */
export function IntentLink({ onMouseEnter, onFocus, ...props }: ComponentProps<typeof Link>) {
  const [intent, setIntent] = useState(false);
  return (
    <Link
      {...props}
      prefetch={intent ? null : false}
      onMouseEnter={(e) => {
        setIntent(true);
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        setIntent(true);
        onFocus?.(e);
      }}
    />
  );
}
