import { ZSealedSecretSchema } from "@/lib/agents/sealed-secret-format";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { OnPremisesSession } from "@/lib/jobs/on-premises-session";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { ZCredentialsPageSchema } from "@/lib/wizard/answers/answer-pages";
import { runNotFound } from "@/lib/wizard/runs/change-run-at-version";
import { storedAnswers } from "@/lib/wizard/runs/stored-answers";

/**
 * What a run's on-premises jobs carry (gathering, the update's operations): its own account and the
 * one agent that can open it, when its Credentials page named one; undefined when the agent's own
 * account does the work. Pass it as `session` to runAgentCmdlet / enqueueAgentReads /
 * agentGatherTransport. Refused, saying what to do, when the answers name an account that is not
 * (or no longer) the stored one, or whose agent was revoked.
 */
export async function onPremisesSessionForRun(options: {
  db: Db;
  acting: Pick<ActingContext, "tenant">;
  runId: string;
}): Promise<OnPremisesSession | undefined> {
  const { acting, runId } = options;
  const run = await options.db.wizardRun.findFirst({
    where: { id: runId, ...tenantScope(acting) },
    select: {
      answers: true,
      onPremisesAccount: { include: { agent: { select: { name: true, revokedAt: true } } } },
    },
  });
  if (!run) throw runNotFound();
  const named = ZCredentialsPageSchema.safeParse(storedAnswers(run.answers).credentials).data
    ?.onPremisesAccount;
  if (!named) return undefined;
  const account = run.onPremisesAccount;
  if (!account || account.id !== named.secretReference) {
    throw new AppError(
      "conflict",
      `The on-premises account ${named.userName} named on the Credentials page is not the one stored for this run: enter its password again there and save the page.`,
    );
  }
  if (account.agent.revokedAt) {
    throw new AppError(
      "conflict",
      `The password of ${account.userName} was sealed for agent "${account.agent.name}", which has been revoked: enter it again on the Credentials page for another agent.`,
    );
  }
  return { agentId: account.agentId, sessionCredential: ZSealedSecretSchema.parse(account.sealed) };
}
