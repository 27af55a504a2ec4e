import type { Answers, AnswerViolation } from "@/lib/wizard/answers/answers";
import { checkCertificate } from "@/lib/wizard/answers/cross-check-answers";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { frontendReceiveConnector } from "@/lib/wizard/gather/receive-connector-choice";
import { planContext } from "./plan-context";
import { planObject } from "./plan-object";
import type { Plan, PlanOperation, TenantFacts } from "./plan-types";
import {
  existingInboundConnector,
  existingOutboundConnector,
  existingSendConnector,
} from "./tasks/mail-flow";

// Replace the transport certificate: the HCW's "Update Secure Mail Certificate for Connectors" as
// its own short plan. Only the certificate settings change — the hybrid configuration's and the
// connectors' TLS certificate name on-premises, and in Exchange Online the name the inbound
// connector recognises on-premises mail by and the outbound connector's TLS domain — on the
// objects the hybrid already has; whatever else differs on them is left for a full run.

export type CertificatePlanAnswer = { ok: true; plan: Plan } | { ok: false; violations: AnswerViolation[] };

export function computeCertificatePlan(options: {
  gathered: GatheredState;
  /** The run's answers; the new certificate replaces theirs. */
  answers: Answers;
  tenant: TenantFacts;
  thumbprint: string;
  now: Date;
}): CertificatePlanAnswer {
  const answers: Answers = { ...options.answers, certificate: { thumbprint: options.thumbprint } };
  const violations = checkCertificate(answers, options.gathered, options.now);
  if (violations.length > 0) return { ok: false, violations };
  const context = planContext(options.gathered, answers, options.tenant);
  const { onPremises } = options.gathered;
  const operations: PlanOperation[] = [];
  const missing: string[] = [];
  const change = (
    found: Record<string, unknown> | null | undefined,
    what: string,
    wish: Omit<Parameters<typeof planObject>[0], "existing" | "identity" | "settingsAtCreation"> & {
      identity: (object: Record<string, unknown>) => string;
    },
  ) => {
    if (!found) {
      missing.push(what);
      return;
    }
    operations.push(
      ...planObject({ ...wish, existing: found, identity: wish.identity(found), settingsAtCreation: true }),
    );
  };
  const tls = { TlsCertificateName: context.tlsCertificateName };
  change(onPremises.hybridConfiguration, "hybrid configuration", {
    task: "GlobalPrerequisites",
    side: "OnPremises",
    kind: "HybridConfiguration",
    singleton: true,
    identity: (object) => String(object.Identity),
    wanted: tls,
  });
  change(existingSendConnector(context), "send connector to Exchange Online", {
    task: "MailFlow",
    side: "OnPremises",
    kind: "SendConnector",
    identity: (object) => String(object.Name),
    wanted: tls,
  });
  for (const server of context.receiveServers) {
    change(frontendReceiveConnector(options.gathered, server), `port-25 receive connector on ${server}`, {
      task: "MailFlow",
      side: "OnPremises",
      kind: "ReceiveConnector",
      identity: (object) => String(object.Identity),
      wanted: tls,
    });
  }
  change(existingInboundConnector(context), "inbound connector from on-premises", {
    task: "MailFlow",
    side: "Online",
    kind: "InboundConnector",
    identity: (object) => String(object.Name),
    wanted: { TlsSenderCertificateName: context.certificateSubjectName },
  });
  change(existingOutboundConnector(context), "outbound connector to on-premises", {
    task: "MailFlow",
    side: "Online",
    kind: "OutboundConnector",
    identity: (object) => String(object.Name),
    wanted: { TlsDomain: context.certificateSubjectName },
  });
  const notes = missing.map(
    (what) =>
      `There is no ${what} yet, so the new certificate is not set there; run the wizard to create it.`,
  );
  return { ok: true, plan: { operations, notes } };
}
