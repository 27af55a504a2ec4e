"use client";

import { useSession } from "@/components/auth/SessionProvider";
import type { RunLogLine } from "@/lib/contracts/wizard-update";

const LEVEL_STYLES = { info: "text-slate-200", warn: "text-amber-300", error: "text-red-300" } as const;

/** The live log, newest last, with downloads of the whole log as JSON and as readable text. */
export function RunLogPanel({ runId, lines }: { runId: string; lines: readonly RunLogLine[] }) {
  const { api } = useSession();
  const download = async (format: "json" | "text") => {
    const url = URL.createObjectURL(await api.downloadRunLog(runId, format));
    const link = document.createElement("a");
    link.href = url;
    link.download = `hybrid-wizard-run-${runId}.${format === "json" ? "json" : "log"}`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-labelledby="run-log">
      <div className="flex items-baseline gap-4">
        <h2 id="run-log" className="text-lg font-semibold text-brand-900">
          Log
        </h2>
        <button
          type="button"
          className="text-sm text-brand-700 underline"
          onClick={() => void download("text")}
        >
          Download as text
        </button>
        <button
          type="button"
          className="text-sm text-brand-700 underline"
          onClick={() => void download("json")}
        >
          Download as JSON
        </button>
      </div>
      <div role="log" aria-live="polite" className="mt-2 rounded bg-slate-900 p-3 font-mono text-xs">
        {lines.map((line) => (
          <p key={line.id} className={LEVEL_STYLES[line.level]}>
            {new Date(line.at).toLocaleTimeString()} {line.message}
          </p>
        ))}
      </div>
    </section>
  );
}
