import type { createApiClient } from "@/components/api/api-client";
import type { UpdateProgress } from "@/lib/contracts/wizard-update";
import { ANSWER_PAGE_IDS, answersKeyOf } from "@/lib/wizard/wizard-pages";
import { waitFor } from "@/tests/helpers/agent-cli";
import { shippedAnswers } from "./expected-operations";

// An update driven as the browser drives it, through the API only: the pages' answers saved one by
// one, then the progress watched until the run ends.

type ApiClient = ReturnType<typeof createApiClient>;

/** A run with Contoso's shipped answers, without the migration endpoint (its password is another part's). */
export async function answeredRun(client: ApiClient): Promise<string> {
  const answers: Record<string, unknown> = { ...(await shippedAnswers("contoso")) };
  answers.features = { ...(answers.features as object), migrationEndpoint: false };
  delete answers.migrationCredential;
  let run = await client.createWizardRun();
  for (const page of ANSWER_PAGE_IDS) {
    const pageAnswers = answers[answersKeyOf(page)];
    if (pageAnswers === undefined) continue;
    run = await client.saveWizardPageAnswers(run.id, page, { version: run.version, answers: pageAnswers });
  }
  return run.id;
}

/** The run's progress once it has succeeded or failed; on a timeout, where each operation stood. */
export async function settledUpdate(
  progressOf: () => Promise<UpdateProgress>,
  timeoutMs = 240_000,
): Promise<UpdateProgress> {
  let last: UpdateProgress | undefined;
  return waitFor(
    async () => {
      const progress = await progressOf();
      last = progress;
      return progress.status === "failed" || progress.status === "succeeded" ? progress : null;
    },
    "the update to end",
    timeoutMs,
  ).catch((error: Error) => {
    const where = last?.operations.map(
      (operation) => `${operation.status} ${operation.cmdlet} ${operation.identity}`,
    );
    throw new Error(`${error.message}; the update stood at:\n${where?.join("\n")}`);
  });
}
