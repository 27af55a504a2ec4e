import type { WizardRun } from "@/lib/contracts/wizard-runs";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import type { WizardPageId } from "@/lib/wizard/wizard-pages";
import { changeRunAtVersion } from "./change-run-at-version";
import { refuseSkippedPage } from "./refuse-skipped-page";
import { storedAnswers } from "./stored-answers";

/**
 * Back, or Next from a page without answers (Gathering configuration, Review): the run resumes
 * on `page`. Versioned like a save, so every tab learns that the run moved.
 */
export async function goToPage(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  page: WizardPageId;
  version: number;
}): Promise<WizardRun> {
  return changeRunAtVersion({
    ...options,
    kind: "page_changed",
    write: (run) => {
      refuseSkippedPage(options.page, storedAnswers(run.answers), run.gathered);
      return { currentPage: options.page };
    },
  });
}
