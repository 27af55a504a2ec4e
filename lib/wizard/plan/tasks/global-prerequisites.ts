import type { PlanContext } from "../plan-context";
import { planObject } from "../plan-object";
import type { PlanTaskStep } from "../plan-task";

// The HCW first creates the HybridConfiguration object, which records the wizard's answers in
// Active Directory, and writes the answers into it (Set-HybridConfiguration).

const FULL_FEATURES = [
  "FreeBusy",
  "MoveMailbox",
  "Mailtips",
  "MessageTracking",
  "OwaRedirection",
  "OnlineArchive",
  "SecureMail",
  "Photos",
];

/** Minimal hybrid configures mailbox moves only: no free/busy, MailTips, secure mail or OAuth. */
const MINIMAL_FEATURES = ["MoveMailbox"];

function features(context: PlanContext): string[] {
  if (!context.full) return MINIMAL_FEATURES;
  return context.answers.transport.centralizedMailTransport
    ? [...FULL_FEATURES, "CentralizedTransport"]
    : FULL_FEATURES;
}

export const planGlobalPrerequisites: PlanTaskStep = (context) => {
  const edgeServers = context.edge ? [...new Set([...context.receiveServers, ...context.sendServers])] : [];
  const existing = context.gathered.onPremises.hybridConfiguration ?? undefined;
  return planObject({
    task: "GlobalPrerequisites",
    side: "OnPremises",
    kind: "HybridConfiguration",
    existing,
    identity: existing?.Identity ?? "Hybrid Configuration",
    singleton: true,
    settingsAtCreation: false,
    wanted: {
      Domains: context.hybridDomains,
      OnPremisesSmartHost: context.organizationFqdn,
      TlsCertificateName: context.tlsCertificateName,
      // With Edge, mail to and from Exchange Online goes through the Edge servers only (HCW8043).
      SendingTransportServers: context.edge ? [] : context.sendServers,
      ReceivingTransportServers: context.edge ? [] : context.receiveServers,
      EdgeTransportServers: edgeServers,
      // A hybrid that names Client Access servers or external IP addresses is stale (HCW8008).
      ClientAccessServers: [],
      ExternalIPAddresses: [],
      Features: features(context),
    },
  });
};
