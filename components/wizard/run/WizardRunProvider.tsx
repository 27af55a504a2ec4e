"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, versionConflictOf } from "@/components/api/api-client";
import { useSession } from "@/components/auth/SessionProvider";
import { SignInPrompt } from "@/components/auth/SignInPrompt";
import type { RunGathered } from "@/lib/contracts/wizard-gather";
import type { VersionConflict, WizardRun } from "@/lib/contracts/wizard-runs";
import {
  type AnswerPageId,
  answersKeyOf,
  isAnswerPageId,
  type WizardPageId,
} from "@/lib/wizard/wizard-pages";
import { neighbourPage, runConditions } from "./run-navigation";

// One run, as the page /wizard/<runId>/<page> shows it: loaded when the page opens (so every page
// starts from the run as it is now), and every change sent with the version it was read at.

export type RunProblem =
  | { kind: "conflict"; message: string; conflict: VersionConflict }
  | { kind: "error"; message: string };

export interface WizardRunState {
  run: WizardRun;
  /** What the last gather found; null before Gathering configuration. */
  gathered: RunGathered | null;
  setGathered: (gathered: RunGathered) => void;
  /** Next: saves the page's answers and moves on; an invalid answer stays, its message at its field. */
  saveAndNext: (page: AnswerPageId, answers: unknown) => Promise<void>;
  /** Back, or Next from a page without answers. */
  goTo: (page: WizardPageId) => Promise<void>;
  neighbour: (from: WizardPageId, direction: 1 | -1) => WizardPageId | undefined;
  reload: () => Promise<void>;
  /** Each field's message after a refused save, by its path within the page (`servers.0`). */
  fieldErrors: Record<string, string>;
  problem: RunProblem | null;
  busy: boolean;
}

const RunContext = createContext<WizardRunState | null>(null);

export function useWizardRun(): WizardRunState {
  const state = useContext(RunContext);
  if (!state) throw new Error("useWizardRun outside WizardRunProvider");
  return state;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function WizardRunProvider({ runId, children }: { runId: string; children: ReactNode }) {
  const { state, api } = useSession();
  const router = useRouter();
  const [run, setRun] = useState<WizardRun>();
  const [gathered, setGathered] = useState<RunGathered | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<RunProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const signedIn = state.status === "signed-in";

  const reload = useCallback(async () => {
    try {
      const [loaded, found] = await Promise.all([
        api.getWizardRun(runId),
        api.getRunGathered(runId).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }),
      ]);
      setRun(loaded);
      setGathered(found);
      setProblem(null);
      setFieldErrors({});
      setLoadError(undefined);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, [api, runId]);

  useEffect(() => {
    if (signedIn) void reload();
  }, [signedIn, reload]);

  const refused = useCallback((error: unknown, page: WizardPageId) => {
    const conflict = versionConflictOf(error);
    if (conflict) {
      setProblem({ kind: "conflict", message: messageOf(error), conflict });
      return;
    }
    if (
      error instanceof ApiError &&
      error.code === "invalid_answers" &&
      error.details.issues &&
      isAnswerPageId(page)
    ) {
      const prefix = `${answersKeyOf(page)}.`;
      setFieldErrors(
        Object.fromEntries(
          error.details.issues.map((issue) => [issue.path.replace(prefix, ""), issue.message] as const),
        ),
      );
      setProblem({ kind: "error", message: messageOf(error) });
      return;
    }
    setProblem({ kind: "error", message: messageOf(error) });
  }, []);

  const value = useMemo((): WizardRunState | null => {
    if (!run) return null;
    const change = async (page: WizardPageId, send: () => Promise<WizardRun>) => {
      setBusy(true);
      setProblem(null);
      setFieldErrors({});
      try {
        const updated = await send();
        setRun(updated);
        router.push(`/wizard/${run.id}/${updated.currentPage}`);
      } catch (error) {
        refused(error, page);
      } finally {
        setBusy(false);
      }
    };
    return {
      run,
      gathered,
      setGathered,
      reload,
      fieldErrors,
      problem,
      busy,
      neighbour: (from, direction) => neighbourPage(from, direction, runConditions(run.answers, gathered)),
      saveAndNext: (page, answers) => {
        const after = { ...run.answers, [answersKeyOf(page)]: answers };
        const next = neighbourPage(page, 1, runConditions(after, gathered));
        return change(page, () =>
          api.saveWizardPageAnswers(run.id, page, {
            version: run.version,
            answers,
            ...(next ? { next } : {}),
          }),
        );
      },
      goTo: (page) => change(page, () => api.goToWizardPage(run.id, { version: run.version, page })),
    };
  }, [run, gathered, reload, fieldErrors, problem, busy, api, router, refused]);

  if (!signedIn) return <SignInPrompt state={state} what="work on this wizard run" />;
  if (loadError) {
    return (
      <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-6 text-red-800">
        <p>{loadError}</p>
        <Link href="/wizard" className="mt-3 inline-block underline">
          Back to your runs
        </Link>
      </div>
    );
  }
  if (!value) return <p className="text-slate-500">Loading the run…</p>;
  return <RunContext.Provider value={value}>{children}</RunContext.Provider>;
}
