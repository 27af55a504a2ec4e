import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { gatherRunWithToken } from "@/lib/wizard/gather/gather-now";
import { runAnswers, tenantFactsOf } from "@/lib/wizard/runs/run-answers";
import { serviceProbes } from "./service-probes";
import { type ValidationResult, validateConfiguration } from "./validate-configuration";

/** Validate: both sides gathered now, then every check that applies to the run's answers, as `admin`. */
export async function validateRun(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  /** The admin's Exchange Online token, and their user principal name: the mailbox free/busy is looked up as. */
  admin: { accessToken: string; upn: string };
  onResult?: (result: ValidationResult) => Promise<void>;
}): Promise<ValidationResult[]> {
  const { db, acting, runId, admin } = options;
  const answers = await runAnswers(options);
  const { state, online, onPremises } = await gatherRunWithToken({
    db,
    acting,
    runId,
    accessToken: admin.accessToken,
  });
  return validateConfiguration({
    gathered: state,
    answers,
    tenant: tenantFactsOf(acting),
    runProbe: serviceProbes({ onPremises, online }),
    userIdentity: admin.upn,
    ...(options.onResult ? { onResult: options.onResult } : {}),
  });
}
