"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { ApiError, versionConflictOf } from "@/components/api/api-client";
import { useSession } from "@/components/auth/SessionProvider";
import { useRoleAtLeast } from "@/components/auth/use-role-at-least";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import { describeApiError } from "@/components/wizard/update/describe-api-error";
import { PlanOperationCard } from "@/components/wizard/update/PlanOperationCard";
import type { WizardRun } from "@/lib/contracts/wizard-runs";
import type { ChangeCounts, RunPlanResponse } from "@/lib/contracts/wizard-update";
import { changeCounts, hasChanges } from "@/lib/wizard/plan/change-counts";
import { PLAN_TASKS } from "@/lib/wizard/plan/plan-types";

const SIDES = [
  { side: "OnPremises", title: "On-premises" },
  { side: "Online", title: "Exchange Online" },
  { side: "Graph", title: "Microsoft Graph (Entra ID)" },
] as const;

function CountsLine({ counts }: { counts: ChangeCounts }) {
  return (
    <span className="text-sm text-slate-600">
      {counts.new} new · {counts.update} to update · {counts.remove > 0 && `${counts.remove} to remove · `}
      {counts.unchanged} unchanged
    </span>
  );
}

/** A plan with nothing to do, in the words of the run's kind: there is nothing to confirm. */
const NOTHING_TO_CHANGE: Record<WizardRun["kind"], string> = {
  wizard: "Nothing to change: Exchange already matches your answers.",
  undo: "Nothing to undo: Exchange already is as it was before the run.",
  certificate: "Nothing to change: the hybrid configuration and its connectors already use this certificate.",
};

/**
 * Review the plan: both sides gathered now and what the update would do, by side and task, each
 * change before → after with its PowerShell. Nothing changes until Confirm, which freezes exactly
 * this plan (its digest) and starts the update.
 */
export default function ReviewPage({ runId }: { runId: string }) {
  const { api, signInAgain } = useSession();
  const { run } = useWizardRun();
  const router = useRouter();
  const [plan, setPlan] = useState<RunPlanResponse>();
  const [problem, setProblem] = useState<{ message: string; claims?: string }>();
  const [confirming, setConfirming] = useState(false);
  const mayUpdate = useRoleAtLeast("operator");

  const load = useCallback(async () => {
    setPlan(undefined);
    setProblem(undefined);
    try {
      setPlan(await api.getRunPlan(runId));
    } catch (error) {
      setProblem({
        message: describeApiError(error),
        ...(error instanceof ApiError && error.code === "interaction_required"
          ? { claims: error.details.claims ?? "" }
          : {}),
      });
    }
  }, [api, runId]);

  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async () => {
    if (!plan) return;
    setConfirming(true);
    try {
      await api.confirmUpdate(runId, { version: plan.version, digest: plan.digest });
      router.push(`/wizard/${runId}/update`);
    } catch (error) {
      const conflict = versionConflictOf(error);
      setProblem({
        message: conflict
          ? `${describeApiError(error)} Reload to see the run as it is now.`
          : describeApiError(error),
      });
      setConfirming(false);
    }
  };

  if (problem) {
    return (
      <div
        role="alert"
        className="max-w-3xl space-y-3 rounded border border-red-200 bg-red-50 p-4 text-red-900"
      >
        <p>{problem.message}</p>
        {problem.claims !== undefined && (
          <button
            type="button"
            className="underline"
            onClick={() => void signInAgain(problem.claims).then(load)}
          >
            Sign in again
          </button>
        )}
        <button type="button" className="ml-4 underline" onClick={() => void load()}>
          Review again
        </button>
      </div>
    );
  }
  if (!plan) {
    return (
      <p role="status" className="text-slate-600">
        Reading both sides as they are now and planning… (the on-premises agent answers in a few seconds)
      </p>
    );
  }

  const changes = hasChanges(plan.counts);
  const readAt = new Date(plan.gatheredAt).toLocaleTimeString();
  return (
    <div className="max-w-5xl space-y-6">
      {changes ? (
        <p className="text-slate-700">
          Nothing has changed yet. This is what the update will do, computed from your answers and the
          configuration read at {readAt}: <CountsLine counts={plan.counts} />.
        </p>
      ) : (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-900">
          {NOTHING_TO_CHANGE[run.kind]} Read at {readAt}: <CountsLine counts={plan.counts} />.
        </p>
      )}
      {plan.checks
        .filter((check) => check.status !== "ok")
        .map((check) => (
          <p key={check.id} className="rounded bg-amber-50 p-3 text-sm text-amber-900">
            {check.message}
          </p>
        ))}
      {plan.notes.map((note) => (
        <p key={note} className="rounded bg-slate-50 p-3 text-sm text-slate-700">
          {note}
        </p>
      ))}
      {SIDES.map(({ side, title }) => {
        const ofSide = plan.operations.filter((operation) => operation.side === side);
        // Graph has a section only when the plan has the hybrid application in it.
        if (side === "Graph" && ofSide.length === 0) return null;
        return (
          <section key={side} aria-labelledby={`side-${side}`}>
            <h2 id={`side-${side}`} className="text-xl font-semibold text-brand-900">
              {title} <CountsLine counts={changeCounts(ofSide)} />
            </h2>
            {PLAN_TASKS.map((task) => {
              const ofTask = ofSide.filter((operation) => operation.task === task);
              if (ofTask.length === 0) return null;
              return (
                <section key={task} aria-labelledby={`task-${side}-${task}`} className="mt-3">
                  <h3 id={`task-${side}-${task}`} className="font-semibold text-slate-800">
                    {task} <CountsLine counts={changeCounts(ofTask)} />
                  </h3>
                  <ul className="mt-2 space-y-2">
                    {ofTask.map((operation) => (
                      <PlanOperationCard key={operation.id} operation={operation} />
                    ))}
                  </ul>
                </section>
              );
            })}
          </section>
        );
      })}
      <div className="flex gap-4">
        {changes && mayUpdate && (
          <button
            type="button"
            disabled={confirming}
            onClick={() => void confirm()}
            className="rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-50"
          >
            {confirming ? "Confirming…" : "Confirm and update"}
          </button>
        )}
        {changes && !mayUpdate && (
          <p className="text-sm text-slate-600" data-testid="viewer-notice">
            You are a viewer here: an operator or owner confirms the update.
          </p>
        )}
        <button type="button" className="text-brand-700 underline" onClick={() => void load()}>
          Read both sides again
        </button>
      </div>
    </div>
  );
}
