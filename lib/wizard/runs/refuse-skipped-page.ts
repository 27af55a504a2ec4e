import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { pageTitle, skippedPages, type WizardPageId } from "@/lib/wizard/wizard-pages";
import { pageConditions, type StoredAnswers } from "./stored-answers";

/** A page the answers so far leave out is neither saved nor gone to: it says why. */
export function refuseSkippedPage(
  page: WizardPageId,
  answers: StoredAnswers,
  gathered: Prisma.JsonValue | null,
): void {
  const why = skippedPages(pageConditions(answers, gathered)).get(page);
  if (why === undefined) return;
  throw new AppError("bad_request", `This run skips ${pageTitle(page)}: ${why}.`, { page });
}
