import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { StoredOnPremisesAccount, StoreOnPremisesAccountRequest } from "@/lib/contracts/run-credentials";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { assertDraftRun, enteredBy } from "./draft-run";

/**
 * Keeps the on-premises account entered for a run, its password sealed in the browser for one of
 * the tenant's agents: ciphertext the service cannot open. Entering it again replaces it, with a
 * new reference, so answers that name the old one are told to save the page again.
 */
export async function storeOnPremisesAccount(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  request: StoreOnPremisesAccountRequest;
}): Promise<StoredOnPremisesAccount> {
  const { acting, runId, request } = options;
  return options.db.$transaction(async (tx) => {
    await assertDraftRun(tx, acting, runId);
    const agent = await tx.agent.findFirst({
      where: { id: request.agentId, ...tenantScope(acting), revokedAt: null },
      select: { id: true, name: true },
    });
    if (!agent) {
      throw new AppError(
        "bad_request",
        "The password was sealed for an agent that is not paired with this organization (or was revoked): choose one of the agents listed, and enter the password again.",
      );
    }
    await tx.runOnPremisesAccount.deleteMany({ where: { runId, ...tenantScope(acting) } });
    const account = await tx.runOnPremisesAccount.create({
      data: {
        ...tenantScope(acting),
        runId,
        agentId: agent.id,
        userName: request.userName,
        sealed: request.sealed,
        createdById: enteredBy(acting),
      },
    });
    await recordAuditEvent(tx, {
      acting,
      action: "wizard_run.on_premises_account_stored",
      targetType: "WizardRun",
      targetId: runId,
      details: { userName: account.userName, agentId: agent.id, secretReference: account.id },
    });
    return {
      secretReference: account.id,
      userName: account.userName,
      agentId: agent.id,
      agentName: agent.name,
      storedAt: account.createdAt.toISOString(),
    };
  });
}
