import type { createApiClient } from "@/components/api/api-client";
import type { UpdateProgress } from "@/lib/contracts/wizard-update";
import { ANSWER_PAGE_IDS, answersKeyOf } from "@/lib/wizard/wizard-pages";
import { waitFor } from "@/tests/helpers/agent-cli";
import { shippedAnswers } from "./expected-operations";

// An update driven as the browser drives it, through the API only: the pages' answers saved one by
// one, then the progress watched until the run ends.

type ApiClient = ReturnType<typeof createApiClient>;

/** The migration account a run with the migration endpoint enters on its page. */
export const MIGRATION_ACCOUNT = { userName: "CONTOSO\\svc-migration", password: "migration Pa$$ 5e07c1" };

/**
 * A run with Contoso's shipped answers: without the migration endpoint, or with it and the
 * migration account entered as its page does (stored first, its reference in the answers).
 */
export async function answeredRun(
  client: ApiClient,
  /** `features`: Hybrid Features answers to change (allowHybridApplicationInEws…). */
  options: { migrationEndpoint?: boolean; features?: Record<string, unknown> } = {},
): Promise<string> {
  const answers: Record<string, unknown> = { ...(await shippedAnswers("contoso")) };
  let run = await client.createWizardRun();
  if (options.migrationEndpoint) {
    const stored = await client.storeMigrationCredential(run.id, MIGRATION_ACCOUNT);
    answers.migrationCredential = { userName: stored.userName, secretReference: stored.secretReference };
  } else {
    answers.features = { ...(answers.features as object), migrationEndpoint: false };
    delete answers.migrationCredential;
  }
  if (options.features) answers.features = { ...(answers.features as object), ...options.features };
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

/**
 * The run's Validate once the one that starts by itself after a successful update has ended: until
 * then it still writes to the run (its results, its log), and its probes run on-premises.
 */
export async function settledValidation(client: ApiClient, runId: string, timeoutMs = 120_000) {
  return waitFor(
    async () => {
      const { validation } = await client.getRunValidation(runId);
      return validation && validation.status !== "running" ? validation : null;
    },
    "the validation after the update to end",
    timeoutMs,
  );
}
