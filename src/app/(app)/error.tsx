"use client";
import { ErrorView } from "@/components/error-view";

/** Errors inside the signed-in shell: the sidebar stays, the page shows a plain message. */
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} />;
}
