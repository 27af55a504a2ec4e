import type { PgBoss } from "pg-boss";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainProof } from "@/lib/contracts/wizard-gather";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { CLOUD_HOSTS } from "@/lib/exchange/cloud-hosts";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { ZDomainsPageSchema } from "@/lib/wizard/answers/answer-pages";
import { onPremisesForRun } from "@/lib/wizard/credentials/on-premises-for-run";
import { ZFederationTrustSchema } from "@/lib/wizard/gather/gathered-state";
import { findRunRow } from "./find-run-row";
import { storedAnswers } from "./stored-answers";
import { type StoredGather, storedGatherOf } from "./stored-gather";

const TRUST_NAME = "Microsoft Federation Gateway";
const AGENT_TIMEOUT_MS = 120_000;

/**
 * The Domain Ownership page's proofs: `Get-FederatedDomainProof` per hybrid domain through the
 * agent. A proof is derived from the federation trust's certificate, so none exists before the
 * trust: with `createTrust` the trust is made first, as Microsoft's wizard does on this page
 * ("Enable"), the one change the wizard makes before the plan is confirmed (audited). The trust
 * and the proofs are kept in the run's gather, so the plan sees the trust and Verify checks the
 * proof Exchange gave, not one the browser sends.
 */
export async function readDomainProofs(options: {
  db: Db;
  queue: PgBoss;
  acting: ActingContext;
  runId: string;
  createTrust: boolean;
}): Promise<DomainProof[]> {
  const { db, queue, acting, runId } = options;
  const run = await findRunRow(options);
  const stored = storedGatherOf(run.gathered);
  const domains = ZDomainsPageSchema.safeParse(storedAnswers(run.answers).domains).data?.hybridDomains;
  if (!domains) {
    throw new AppError(
      "conflict",
      "Choose the hybrid domains (Hybrid Domains page) before their proofs are read.",
    );
  }
  const hasTrust = Boolean(stored.state.onPremises.federationTrust);
  if (!hasTrust && !options.createTrust) return [];
  let created = false;
  const onPremises = await onPremisesForRun({ db, queue, acting, runId });
  if (!hasTrust) {
    const settled = await onPremises.runCmdlet({
      cmdlet: "New-FederationTrust",
      parameters: { Name: TRUST_NAME, MetadataUrl: CLOUD_HOSTS[acting.tenant.cloud].federationMetadataUrl },
      idempotencyKey: `federation-trust-${runId}`,
      timeoutMs: AGENT_TIMEOUT_MS,
    });
    if (settled.outcome.outcome === "failed") {
      throw new AppError("exchange_error", `New-FederationTrust failed: ${settled.outcome.error.message}`);
    }
    created = true;
  }
  const transport = onPremises.gatherTransport({ timeoutMs: AGENT_TIMEOUT_MS });
  const { answers } = await transport.read([
    { readId: "trust", side: "OnPremises", cmdlet: "Get-FederationTrust", parameters: {} },
    ...domains.map((domain) => ({
      readId: domain,
      side: "OnPremises" as const,
      cmdlet: "Get-FederatedDomainProof",
      parameters: { DomainName: domain },
    })),
  ]);
  const failed = answers.find((answer) => !answer.ok);
  if (failed && !failed.ok) {
    throw new AppError(
      "exchange_error",
      `Exchange could not give the domain proofs: ${failed.error.message}`,
    );
  }
  const trust =
    ZFederationTrustSchema.safeParse(answers[0]?.ok ? answers[0].objects[0] : undefined).data ?? null;
  const proofs = domains.map((domain, index): DomainProof => {
    const answer = answers[index + 1];
    const object = answer?.ok ? (answer.objects[0] as { Proof?: unknown } | undefined) : undefined;
    const proof = typeof object?.Proof === "string" ? object.Proof : "";
    return { domain, proof, record: `${domain} IN TXT ${proof}` };
  });
  const next: StoredGather = {
    ...stored,
    state: { ...stored.state, onPremises: { ...stored.state.onPremises, federationTrust: trust } },
    domainProofs: proofs,
  };
  await db.$transaction(async (tx) => {
    await tx.wizardRun.updateMany({ where: { id: runId, ...tenantScope(acting) }, data: { gathered: next } });
    if (created) {
      await recordAuditEvent(tx, {
        acting,
        action: "wizard_run.federation_trust_created",
        targetType: "WizardRun",
        targetId: runId,
        details: { name: TRUST_NAME },
      });
    }
  });
  return proofs;
}
