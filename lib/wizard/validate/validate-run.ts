import type { Logger } from "pino";
import type { Db } from "@/lib/db";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { gatherNow } from "@/lib/wizard/gather/gather-now";
import { runAnswers, tenantFactsOf } from "@/lib/wizard/runs/run-answers";
import { serviceProbes } from "./service-probes";
import { type ValidationResult, validateConfiguration } from "./validate-configuration";

/** The Done page's Validate: both sides gathered now, then every check that applies to the run's answers. */
export async function validateRun(options: {
  db: Db;
  acting: UserActingContext;
  runId: string;
  logger?: Logger;
}): Promise<ValidationResult[]> {
  const answers = await runAnswers(options);
  const { state, online, onPremises } = await gatherNow(options);
  return validateConfiguration({
    gathered: state,
    answers,
    tenant: tenantFactsOf(options.acting),
    runProbe: serviceProbes({ onPremises, online }),
  });
}
