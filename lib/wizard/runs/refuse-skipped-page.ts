import { AppError } from "@/lib/errors";
import { pageTitle, skippedPages, type WizardPageId } from "@/lib/wizard/wizard-pages";
import { pageConditions, type StoredAnswers } from "./stored-answers";

/** A page the answers so far leave out is neither saved nor gone to: it says why. */
export function refuseSkippedPage(page: WizardPageId, answers: StoredAnswers): void {
  const why = skippedPages(pageConditions(answers)).get(page);
  if (why === undefined) return;
  throw new AppError("bad_request", `This run skips ${pageTitle(page)}: ${why}.`, { page });
}
