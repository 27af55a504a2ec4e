"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { SignInPrompt } from "@/components/auth/SignInPrompt";
import { RunKindLabel } from "@/components/wizard/run/RunKindLabel";
import type { WizardRunSummary } from "@/lib/contracts/wizard-runs";
import { pageTitle } from "@/lib/wizard/wizard-pages";

const STATUS_WORDS: Record<WizardRunSummary["status"], string> = {
  draft: "In progress",
  planned: "Plan confirmed",
  running: "Updating",
  paused: "Paused: sign in again to continue",
  succeeded: "Done",
  failed: "Failed",
};

/** The Start page: the tenant's runs, newest first, each resumable on its page; and a new run. */
export function WizardStart() {
  const { state, api } = useSession();
  const router = useRouter();
  const [runs, setRuns] = useState<WizardRunSummary[]>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<string>();
  const [creating, setCreating] = useState(false);
  const signedIn = state.status === "signed-in";

  const load = useCallback(
    async (cursor?: string) => {
      try {
        const page = await api.listWizardRuns(cursor);
        setRuns((shown) => (cursor ? [...(shown ?? []), ...page.runs] : page.runs));
        setNextCursor(page.nextCursor);
      } catch (error) {
        setProblem(error instanceof Error ? error.message : String(error));
      }
    },
    [api],
  );

  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn, load]);

  if (!signedIn) return <SignInPrompt state={state} what="start or resume a wizard run" />;

  const start = async () => {
    setCreating(true);
    setProblem(undefined);
    try {
      const run = await api.createWizardRun();
      router.push(`/wizard/${run.id}/${run.currentPage}`);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setCreating(false);
    }
  };

  return (
    <div className="space-y-6">
      <button
        type="button"
        onClick={() => void start()}
        disabled={creating}
        className="rounded bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-40"
      >
        New run
      </button>
      {problem && (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
      <section
        aria-labelledby="runs-heading"
        className="overflow-hidden rounded-lg border border-slate-200 bg-white"
      >
        <h2 id="runs-heading" className="px-4 pt-4 font-semibold text-slate-800">
          Your organization's runs
        </h2>
        {!runs ? (
          <p className="p-4 text-slate-500">Loading…</p>
        ) : runs.length === 0 ? (
          <p className="p-4 text-slate-600">No runs yet: start one with New run.</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-4 py-2">Started</th>
                <th className="px-4 py-2">Run</th>
                <th className="px-4 py-2">By</th>
                <th className="px-4 py-2">Status</th>
                <th className="px-4 py-2">Last page</th>
                <th className="px-4 py-2">Last change</th>
                <th className="px-4 py-2">
                  <span className="sr-only">Resume</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} className="border-t border-slate-100" data-testid="run-row">
                  <td className="px-4 py-2">{new Date(run.createdAt).toLocaleString()}</td>
                  <td className="px-4 py-2">
                    <RunKindLabel run={run} />
                  </td>
                  <td className="px-4 py-2">{run.createdBy?.displayName ?? "—"}</td>
                  <td className="px-4 py-2">{STATUS_WORDS[run.status]}</td>
                  <td className="px-4 py-2">{pageTitle(run.currentPage)}</td>
                  <td className="px-4 py-2">{new Date(run.updatedAt).toLocaleString()}</td>
                  <td className="px-4 py-2">
                    <Link href={`/wizard/${run.id}/${run.currentPage}`} className="text-brand-700 underline">
                      Resume
                      <span className="sr-only">
                        {" "}
                        the run started {new Date(run.createdAt).toLocaleString()}
                      </span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {nextCursor && (
          <button
            type="button"
            onClick={() => void load(nextCursor)}
            className="m-4 text-brand-700 underline"
          >
            Older runs
          </button>
        )}
      </section>
    </div>
  );
}
