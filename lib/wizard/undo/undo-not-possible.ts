import { AppError } from "@/lib/errors";

/** Why an undo run can be neither opened nor planned: the reasons Undo this run gave. */
export function undoNotPossible(reasons: readonly string[]): AppError {
  return new AppError("conflict", `Undo is not possible now: ${reasons.join(" ")}`, { reasons });
}
