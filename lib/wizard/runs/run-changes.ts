import { z } from "zod";
import { type RunChange, ZRunChangeKindSchema, ZWizardPageIdSchema } from "@/lib/contracts/wizard-runs";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { answersKeyOf, isAnswerPageId } from "@/lib/wizard/wizard-pages";
import type { RunRow } from "./run-view";
import { storedAnswers } from "./stored-answers";

// Each change of a run is told by its audit row (written in the change's own transaction), whose
// details name the page and the version the change made: so a stale save can be shown what
// happened since the version it read, by whom and when.

export type RunChangeKind = RunChange["kind"];
const ACTION_PREFIX = "wizard_run.";
export const runChangeAction = (kind: RunChangeKind) => `${ACTION_PREFIX}${kind}`;
const CHANGE_ACTIONS = ZRunChangeKindSchema.options.map(runChangeAction);

const ZChangeDetailsSchema = z.object({ page: ZWizardPageIdSchema, version: z.int() });
/** Enough to show; a run changed more often than this since a tab read it is best reloaded anyway. */
const MOST_CHANGES = 20;

/** The changes of `run` after `version`, oldest first, each save with the answers its page has now. */
export async function changesSince(
  tx: Prisma.TransactionClient,
  acting: ActingContext,
  run: RunRow,
  version: number,
): Promise<RunChange[]> {
  const events = await tx.auditEvent.findMany({
    where: {
      ...tenantScope(acting),
      targetType: "WizardRun",
      targetId: run.id,
      action: { in: CHANGE_ACTIONS },
      details: { path: ["version"], gt: version },
    },
    orderBy: { id: "desc" },
    take: MOST_CHANGES,
  });
  const answers = storedAnswers(run.answers);
  return events.reverse().flatMap((event): RunChange[] => {
    const details = ZChangeDetailsSchema.safeParse(event.details);
    const kind = ZRunChangeKindSchema.safeParse(event.action.slice(ACTION_PREFIX.length));
    if (!details.success || !kind.success) return [];
    const { page } = details.data;
    const change: RunChange = {
      ...details.data,
      kind: kind.data,
      by: event.actorUpn ? { displayName: event.actorName ?? event.actorUpn, upn: event.actorUpn } : null,
      at: event.at.toISOString(),
    };
    return kind.data === "answers_saved" && isAnswerPageId(page)
      ? [{ ...change, answers: answers[answersKeyOf(page)] }]
      : [change];
  });
}
