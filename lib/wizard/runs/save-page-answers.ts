import type { WizardRun } from "@/lib/contracts/wizard-runs";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { answerViolations } from "@/lib/wizard/answers/answers";
import { type AnswerPageId, answersKeyOf, type WizardPageId } from "@/lib/wizard/wizard-pages";
import { changeRunAtVersion } from "./change-run-at-version";
import { PAGE_ANSWER_SCHEMAS } from "./page-answer-schemas";
import { refuseSkippedPage } from "./refuse-skipped-page";
import { storedAnswers } from "./stored-answers";

/**
 * Saves one page's answers (Next), checked by that page's schema, and makes `next` (the page Next
 * leads to, else the saved one) the run's page, in the one versioned change.
 * Refused, with the run unchanged and every other answer kept: answers that do not parse (400,
 * each field's message), a version the run has moved past (409, with what changed since), a
 * run whose plan is confirmed, a page the answers so far leave out.
 */
export async function savePageAnswers(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  page: AnswerPageId;
  answers: unknown;
  version: number;
  next?: WizardPageId | undefined;
}): Promise<WizardRun> {
  const { page } = options;
  const next = options.next ?? page;
  const key = answersKeyOf(page);
  const parsed = PAGE_ANSWER_SCHEMAS[page].safeParse(options.answers);
  if (!parsed.success) {
    throw new AppError("invalid_answers", "Some answers on this page need correcting; nothing was saved.", {
      page,
      issues: answerViolations(parsed.error, key),
    });
  }
  return changeRunAtVersion({
    ...options,
    kind: "answers_saved",
    write: (run) => {
      if (run.status !== "draft") {
        throw new AppError(
          "conflict",
          `This run's plan was confirmed (it is ${run.status}), so its answers no longer change. Start a new run to change them.`,
        );
      }
      const answers = { ...storedAnswers(run.answers), [key]: parsed.data };
      refuseSkippedPage(page, answers, run.gathered);
      refuseSkippedPage(next, answers, run.gathered);
      return { answers, currentPage: next };
    },
  });
}
