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
 * What a run's on-premises jobs carry: its own account and the one agent that can open it, when its
 * Credentials page named one; undefined when the agent's own account does the work. The one
 * decision of it: onPremisesForRun makes every kind of the run's on-premises job with it. Refused
 * (an AppError: the update fails the operation at once, it is not retried), saying what to do,
 * when the answers name an account that is not (or no longer) the stored one, or whose agent was
 * revoked.
 */
export async function onPremisesSessionForRun(options: {
  db: Db;
  acting: Pick<ActingContext, "tenant">;
  runId: string;
}): Promise<OnPremisesSession | undefined> {
  const { acting, runId } = options;
  const withAgent = { include: { agent: { select: { name: true, revokedAt: true } } } } as const;
  const run = await options.db.wizardRun.findFirst({
    where: { id: runId, ...tenantScope(acting) },
    select: {
      answers: true,
      status: true,
      onPremisesAccount: withAgent,
      sourceRun: { select: { onPremisesAccount: withAgent } },
    },
  });
  if (!run) throw runNotFound();
  const named = ZCredentialsPageSchema.safeParse(storedAnswers(run.answers).credentials).data
    ?.onPremisesAccount;
  if (!named) return undefined;
  // An Undo or a certificate change carries its source run's answers, and so runs as its account.
  const account = run.onPremisesAccount ?? run.sourceRun?.onPremisesAccount;
  // Once the plan is confirmed the run's credentials no longer change (draft-run.ts): a new run can.
  const enterAgain =
    run.status === "draft"
      ? (forWhat: string) => `enter it again on the Credentials page${forWhat} and save the page.`
      : (forWhat: string) =>
          `this run's credentials no longer change once its plan is confirmed, so start a new run and enter it on its Credentials page${forWhat}.`;
  if (!account || account.id !== named.secretReference) {
    throw new AppError(
      "conflict",
      `The on-premises account ${named.userName} named on the Credentials page is not the one stored for this run: ${enterAgain("")}`,
    );
  }
  if (account.agent.revokedAt) {
    throw new AppError(
      "conflict",
      `The password of ${account.userName} was sealed for agent "${account.agent.name}", which has been revoked: ${enterAgain(" for another agent")}`,
    );
  }
  return { agentId: account.agentId, sessionCredential: ZSealedSecretSchema.parse(account.sealed) };
}
