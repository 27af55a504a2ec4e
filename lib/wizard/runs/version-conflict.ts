import type { RunChange } from "@/lib/contracts/wizard-runs";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { pageTitle } from "@/lib/wizard/wizard-pages";
import { changesSince } from "./run-changes";
import type { RunRow } from "./run-view";

function described(change: RunChange): string {
  const who = change.by?.displayName ?? "Someone";
  const page = pageTitle(change.page);
  const what = {
    answers_saved: `saved ${page}`,
    page_changed: `went to ${page}`,
    update_confirmed: "confirmed the plan",
    update_retried: "retried the update",
    update_resumed: "signed in again and resumed the update",
  }[change.kind];
  return `${who} ${what} at ${change.at}`;
}

/**
 * The 409 for a change that named a version the run has moved past: what changed since, so the
 * page can show it and offer a reload. Nothing of the stale request is written.
 */
export async function versionConflict(
  tx: Prisma.TransactionClient,
  acting: ActingContext,
  run: RunRow,
  staleVersion: number,
): Promise<AppError> {
  const changes = await changesSince(tx, acting, run, staleVersion);
  const last = changes.at(-1);
  const since = last ? ` ${described(last)}.` : "";
  return new AppError(
    "version_conflict",
    `This run was changed elsewhere after you opened it (version ${staleVersion}, now ${run.version}).${since} Reload it to see the change; what you entered here was not saved.`,
    { version: run.version, changes },
  );
}
