import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ExchangeOnlineCaller } from "@/lib/exchange/exchange-online-client";
import type { RunKind } from "@/lib/generated/prisma/enums";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import type { Answers } from "@/lib/wizard/answers/answers";
import { exchangeOnlineGatherTransport } from "@/lib/wizard/gather/exchange-online-gather-transport";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { computeCertificatePlan } from "@/lib/wizard/plan/compute-certificate-plan";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import type { Plan } from "@/lib/wizard/plan/plan-types";
import { readMailboxMoves } from "@/lib/wizard/undo/moved-mailboxes";
import { prepareUndo } from "@/lib/wizard/undo/prepare-undo";
import { undoNotPossible } from "@/lib/wizard/undo/undo-not-possible";
import { executedOperationsOf } from "@/lib/wizard/undo/undo-run";
import { tenantFactsOf } from "./run-answers";

// Where a run's plan comes from, by its kind: the wizard's answers; the inverse of the run it
// undoes; or the certificate settings only, for the thumbprint it was made for. Each is computed
// from both sides as they are now, so reviewing and confirming compare the same thing.

export interface PlanSource {
  kind: RunKind;
  sourceRunId: string | null;
  certificateThumbprint: string | null;
}

export async function planOfKind(options: {
  db: Db;
  acting: UserActingContext;
  run: PlanSource;
  answers: Answers;
  gathered: GatheredState;
  online: ExchangeOnlineCaller;
  now: Date;
}): Promise<Plan> {
  const { run, acting } = options;
  const tenant = tenantFactsOf(acting);
  if (run.kind === "undo" && run.sourceRunId) {
    const undo = prepareUndo({
      executed: await executedOperationsOf({ db: options.db, acting, runId: run.sourceRunId }),
      gathered: options.gathered,
      moves: await readMailboxMoves(exchangeOnlineGatherTransport(options.online)),
    });
    if (undo.status === "refused") throw undoNotPossible(undo.reasons);
    const cannotUndo = undo.cannotUndo.map((entry) => `${entry.cmdlet} ${entry.identity}: ${entry.why}`);
    return { operations: undo.plan.operations, notes: [...cannotUndo, ...undo.plan.notes] };
  }
  if (run.kind === "certificate" && run.certificateThumbprint) {
    const answer = computeCertificatePlan({
      gathered: options.gathered,
      answers: options.answers,
      tenant,
      thumbprint: run.certificateThumbprint,
      now: options.now,
    });
    if (!answer.ok) {
      throw new AppError("invalid_answers", "This certificate cannot carry hybrid mail; choose another.", {
        issues: answer.violations,
      });
    }
    return answer.plan;
  }
  return computePlan({ gathered: options.gathered, answers: options.answers, tenant });
}
