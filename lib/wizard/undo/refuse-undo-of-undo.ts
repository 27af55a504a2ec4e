import { AppError } from "@/lib/errors";
import type { RunKind } from "@/lib/generated/prisma/enums";

// An undo run is not undone in its turn: its "inverse" would be the original run replayed from
// what the undo read, not from the admin's answers checked against Exchange as it is now. The way
// back is a new wizard run, planned afresh. The Done page does not offer it; the API says why.

export const UNDO_OF_UNDO =
  "This run is itself an undo, and an undo cannot be undone: to make the original run's changes again, start a new wizard run and confirm its plan.";

export function refuseUndoOfUndo(run: { kind: RunKind }): void {
  if (run.kind === "undo") throw new AppError("conflict", UNDO_OF_UNDO);
}
