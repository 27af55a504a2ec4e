import type { Logger } from "pino";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { gatherNow } from "@/lib/wizard/gather/gather-now";
import { computeCertificatePlan } from "@/lib/wizard/plan/compute-certificate-plan";
import type { Plan } from "@/lib/wizard/plan/plan-types";
import { runAnswers, tenantFactsOf } from "@/lib/wizard/runs/run-answers";

/** Replace the transport certificate: the short plan for the chosen certificate, or why it cannot be chosen. */
export async function planCertificateReplacement(options: {
  db: Db;
  acting: UserActingContext;
  runId: string;
  thumbprint: string;
  logger?: Logger;
}): Promise<Plan> {
  const answers = await runAnswers(options);
  const { state } = await gatherNow(options);
  const answer = computeCertificatePlan({
    gathered: state,
    answers,
    tenant: tenantFactsOf(options.acting),
    thumbprint: options.thumbprint,
    now: new Date(),
  });
  if (!answer.ok) {
    throw new AppError("invalid_answers", "This certificate cannot carry hybrid mail; choose another.", {
      issues: answer.violations,
    });
  }
  return answer.plan;
}
