import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { runNotFound } from "@/lib/wizard/runs/change-run-at-version";

/**
 * The acting tenant's run a credential is entered for, refused once its plan is confirmed: the
 * plan was frozen with the credentials it had, so a new one would not be the one the admin reviewed.
 */
export async function assertDraftRun(
  tx: Prisma.TransactionClient,
  acting: ActingContext,
  runId: string,
): Promise<void> {
  const run = await tx.wizardRun.findFirst({
    where: { id: runId, ...tenantScope(acting) },
    select: { status: true },
  });
  if (!run) throw runNotFound();
  if (run.status !== "draft") {
    throw new AppError(
      "conflict",
      `This run's plan was confirmed (it is ${run.status}), so its credentials no longer change. Start a new run to use other ones.`,
    );
  }
}

/** Who entered a credential, for its row: the signed-in person, or nobody for the service. */
export function enteredBy(acting: ActingContext): string | null {
  return acting.actor.kind === "user" ? acting.actor.userId : null;
}
