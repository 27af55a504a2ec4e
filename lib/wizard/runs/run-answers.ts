import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { type Answers, parseAnswers } from "@/lib/wizard/answers/answers";
import type { TenantFacts } from "@/lib/wizard/plan/plan-types";
import { getRun } from "./get-run";

/** A run's answers as one answers file: what Done's checks and plans need, once every page is answered. */
export async function runAnswers(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
}): Promise<Answers> {
  const run = await getRun(options);
  const parsed = parseAnswers(run.answers);
  if (!parsed.ok) {
    throw new AppError(
      "validation_failed",
      "This run's pages are not all answered yet: finish the wizard (up to Review plan) first.",
      { issues: parsed.violations },
    );
  }
  return parsed.answers;
}

/** What the plan knows of the tenant, from the acting context (never from the client). */
export function tenantFactsOf(acting: ActingContext): TenantFacts {
  return {
    cloud: acting.tenant.cloud,
    tenantInitialDomain: acting.tenant.initialDomain,
    entraTenantId: acting.tenant.entraTenantId,
  };
}
