"use client";

import Link from "next/link";
import { useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { describeApiError } from "@/components/wizard/update/describe-api-error";
import { OperationStatusList } from "@/components/wizard/update/OperationStatusList";
import { RunLogPanel } from "@/components/wizard/update/RunLogPanel";
import { useUpdateProgress } from "@/components/wizard/update/use-update-progress";

const STATUS_WORDS = {
  draft: "Not confirmed yet",
  planned: "Planned",
  running: "Updating…",
  paused: "Paused",
  succeeded: "Done: every change is made",
  failed: "Stopped: some steps failed",
} as const;

/**
 * Update: the confirmed plan running on the server, shown live. Closing the page changes nothing;
 * the update goes on as the admin who confirmed it. Retry runs the failed steps and what waited on
 * them; a pause for sign-in continues once the admin signs in again.
 */
export default function UpdatePage({ runId }: { runId: string }) {
  const { api, signInAgain } = useSession();
  const { progress, setProgress, log, connected } = useUpdateProgress(runId);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const act = async (command: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await command();
    } catch (error) {
      setProblem(describeApiError(error));
    } finally {
      setBusy(false);
    }
  };
  const retry = () =>
    act(async () => {
      if (progress) setProgress(await api.retryUpdate(runId, { version: progress.version }));
    });
  const resume = () =>
    act(async () => {
      await signInAgain();
      if (progress) setProgress(await api.resumeUpdate(runId, { version: progress.version }));
    });

  if (!progress) {
    return (
      <p role="status" className="text-slate-600">
        {connected ? "Reading the update…" : "Connecting to the update…"}
      </p>
    );
  }
  const percent = progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100);
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <p className="font-semibold text-slate-800" role="status">
          {STATUS_WORDS[progress.status]} — {progress.done} of {progress.total} changes made
          {progress.actingAs ? `, acting as ${progress.actingAs.displayName} (${progress.actingAs.upn})` : ""}
        </p>
        <progress
          className="mt-2 h-3 w-full"
          value={progress.done}
          max={Math.max(progress.total, 1)}
          aria-label={`Update progress: ${percent}%`}
        />
        <p className="text-sm text-slate-600">You may close this page: the update goes on without it.</p>
      </div>
      {progress.status === "paused" && (
        <div role="alert" className="rounded bg-amber-50 p-3 text-amber-900">
          <p>{progress.pausedReason}</p>
          <button type="button" disabled={busy} className="mt-2 underline" onClick={() => void resume()}>
            Sign in again to continue
          </button>
        </div>
      )}
      {progress.status === "failed" && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void retry()}
          className="rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-50"
        >
          Retry the failed steps
        </button>
      )}
      {progress.status === "succeeded" && (
        <Link
          href={`/wizard/${runId}/done`}
          className="inline-block rounded bg-brand-700 px-4 py-2 text-white"
        >
          Next: Done
        </Link>
      )}
      {problem && (
        <p role="alert" className="text-red-800">
          {problem}
        </p>
      )}
      <OperationStatusList operations={progress.operations} />
      <RunLogPanel runId={runId} lines={log} />
    </div>
  );
}
