import type { RunValidation } from "@/lib/contracts/wizard-done";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { appendRunLog } from "@/lib/wizard/update/append-run-log";
import type { ValidationResult } from "./validate-configuration";
import { validateRun } from "./validate-run";

// Validate as the Done page shows it: kept on the run (WizardRun.validation), each check's result
// written as it comes and said in the run's log, whose NOTIFY tells an open Done page; so a closed
// browser misses nothing and the page shows the last Validate whoever started it. When the checks
// cannot even be asked (no token, the run's agent gone) that is kept too, and the error rethrown.

export async function recordValidation(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  /** The admin the checks run as; `accessToken` may only come once they are started (an absent admin's). */
  admin: { upn: string; accessToken: () => Promise<string> };
}): Promise<RunValidation> {
  const { db, acting, runId } = options;
  let stored: RunValidation = {
    status: "running",
    as: options.admin.upn,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    results: [],
    error: null,
  };
  // Results come concurrently; each write carries all that came before it, in order.
  let writes = Promise.resolve();
  const store = (next: RunValidation) => {
    stored = next;
    writes = writes.then(async () => {
      await db.wizardRun.updateMany({
        where: { id: runId, ...tenantScope(acting) },
        data: { validation: next as unknown as Prisma.InputJsonObject },
      });
    });
    return writes;
  };
  const log = (level: "info" | "warn" | "error", message: string) =>
    appendRunLog({ db, acting, runId, level, message });

  await store(stored);
  await log("info", `Validate: checking the configuration as ${options.admin.upn}`);
  try {
    const admin = { upn: options.admin.upn, accessToken: await options.admin.accessToken() };
    const results = await validateRun({
      db,
      acting,
      runId,
      admin,
      onResult: async (result: ValidationResult) => {
        await store({ ...stored, results: [...stored.results, result] });
        await log(
          result.passed ? "info" : "warn",
          `Validate: ${result.title} (${result.cmdlet}): ${result.passed ? "passed" : `failed: ${result.detail}`}`,
        );
      },
    });
    const failed = results.filter((result) => !result.passed).length;
    // Kept in the probes' order, whichever answered first.
    await store({ ...stored, status: "done", results, finishedAt: new Date().toISOString() });
    await log(
      failed > 0 ? "warn" : "info",
      failed > 0
        ? `Validate: ${failed} of ${results.length} checks failed; the Done page says how to fix each.`
        : `Validate: all ${results.length} checks passed.`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await store({ ...stored, status: "failed", error: message, finishedAt: new Date().toISOString() });
    await log("error", `Validate could not check the configuration: ${message}`);
    throw error;
  }
  return stored;
}
