"use client";

// Replaces the root layout when it fails: no global CSS here, so styles are inline.
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", background: "#f8fafc", color: "#0f172a", margin: 0 }}>
        <title>Error · Sasaran</title>
        <main style={{ maxWidth: 480, margin: "15vh auto", padding: "0 16px", textAlign: "center" }}>
          <h1 style={{ fontSize: 24, fontWeight: 600 }}>Something went wrong</h1>
          <p style={{ color: "#475569", fontSize: 14 }}>Sasaran could not show this page. Try again.</p>
          <button
            type="button"
            onClick={() => retry()}
            style={{ marginTop: 16, background: "#4f46e5", color: "#fff", border: 0, borderRadius: 6, padding: "8px 16px", fontWeight: 600, cursor: "pointer" }}
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
