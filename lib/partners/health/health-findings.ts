import type { ComplianceConnectionResponse } from "@/lib/contracts/exchange-online";
import type { Finding } from "@/lib/contracts/partner-dashboard";
import type { HybridState } from "@/lib/generated/prisma/enums";
import type { ConnectionCheck } from "@/lib/wizard/gather/connection-checks";
import { tlsCertificateName } from "@/lib/wizard/gather/gathered-lookups";
import type { ExchangeCertificate } from "@/lib/wizard/gather/gathered-on-premises";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import type { PlanOperation } from "@/lib/wizard/plan/plan-types";

// What one health check found, from both sides gathered now and the fresh plan of the customer's
// last succeeded run: pure, so each judgement is tested alone. A finding's id is stable across
// checks (the change highlight compares ids and severities).

/** A certificate that expires within this is a problem now: renewing and binding one takes time. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface HealthFacts {
  gathered: GatheredState;
  checks: ConnectionCheck[];
  /** The fresh plan's writes, or null when the customer has no succeeded run to plan from. */
  writes: PlanOperation[] | null;
  agentVersions: string[];
  /** Security & Compliance read as the partner's technician, or why it could not be. */
  compliance: ComplianceConnectionResponse | { error: string };
  now: Date;
}

export interface HealthOutcome {
  hybridState: HybridState;
  planChanges: number | null;
  transportCertificateExpiresAt: Date | null;
  findings: Finding[];
}

export function healthFindings(facts: HealthFacts): HealthOutcome {
  const { gathered, now } = facts;
  const hybrid = gathered.onPremises.hybridConfiguration;
  const transport = hybrid?.TlsCertificateName
    ? gathered.onPremises.certificates.find((cert) => tlsCertificateName(cert) === hybrid.TlsCertificateName)
    : undefined;
  const authThumbprint = gathered.onPremises.authConfig?.CurrentCertificateThumbprint;
  const auth = authThumbprint
    ? gathered.onPremises.certificates.find((cert) => cert.Thumbprint === authThumbprint)
    : undefined;
  const changes = facts.writes?.length ?? null;
  const hybridState: HybridState = !hybrid ? "notConfigured" : changes ? "drifted" : "configured";

  const findings: Finding[] = [
    {
      id: "remotePowerShell",
      severity: "ok",
      message: "The agent ran Exchange's cmdlets in a remote PowerShell session.",
    },
    {
      id: "exchangeOnline",
      severity: "ok",
      message: "Exchange Online answered as the partner's technician.",
    },
    ...facts.checks.map((check) => ({
      id: `connection:${check.id}`,
      severity:
        check.status === "ok"
          ? ("ok" as const)
          : check.status === "warning"
            ? ("warning" as const)
            : ("problem" as const),
      message: check.message,
    })),
    complianceFinding(facts.compliance),
    driftFinding(hybrid !== null, facts.writes),
    hybrid ? certificateFinding("transportCertificate", "The transport certificate", transport, now) : null,
    authThumbprint
      ? certificateFinding("authCertificate", "The on-premises Auth certificate", auth, now)
      : null,
    versionsFinding(gathered, facts.agentVersions),
  ].filter((finding): finding is Finding => finding !== null);

  return {
    hybridState,
    planChanges: changes,
    transportCertificateExpiresAt: transport ? new Date(transport.NotAfter) : null,
    findings,
  };
}

/** A warning, not a problem: the hybrid does not depend on it, the admins' compliance scripts do. */
function complianceFinding(compliance: HealthFacts["compliance"]): Finding {
  if ("error" in compliance) {
    return {
      id: "securityAndCompliance",
      severity: "warning",
      message: `Security & Compliance did not answer as the partner's technician: ${compliance.error}`,
    };
  }
  const count = compliance.labels.length;
  return {
    id: "securityAndCompliance",
    severity: "ok",
    message: `Security & Compliance (${compliance.endpoint}) answered as the partner's technician: ${count} sensitivity label${count === 1 ? "" : "s"}.`,
  };
}

function driftFinding(configured: boolean, writes: PlanOperation[] | null): Finding {
  if (!configured) {
    return {
      id: "drift",
      severity: "ok",
      message: "No hybrid configuration on-premises yet: run the wizard to set it up.",
    };
  }
  if (writes === null) {
    return {
      id: "drift",
      severity: "warning",
      message:
        "A hybrid is configured, but no run of this service succeeded for this customer: there are no answers to compare it with.",
    };
  }
  if (writes.length === 0) {
    return {
      id: "drift",
      severity: "ok",
      message: "The hybrid objects are as the last run left them: its plan changes nothing.",
    };
  }
  const named = writes.slice(0, 5).map((write) => `${write.cmdlet} ${write.identity}`);
  const more = writes.length > named.length ? ` and ${writes.length - named.length} more` : "";
  return {
    id: "drift",
    severity: "problem",
    message: `Drift: the last run's plan would make ${writes.length} change${writes.length === 1 ? "" : "s"} now (${named.join("; ")}${more}). Review it in the wizard.`,
  };
}

function certificateFinding(
  id: string,
  what: string,
  certificate: ExchangeCertificate | undefined,
  now: Date,
): Finding {
  if (!certificate)
    return {
      id,
      severity: "problem",
      message: `${what} the configuration names is not on any Exchange server.`,
    };
  const expires = new Date(certificate.NotAfter);
  const days = Math.floor((expires.getTime() - now.getTime()) / DAY_MS);
  const name = `${what} (${certificate.Subject}, ${certificate.Thumbprint})`;
  if (days < 0) {
    const breaks =
      id === "authCertificate"
        ? " OAuth and the dedicated hybrid application's key credentials fail until it is renewed."
        : " Hybrid mail flow fails TLS until it is replaced.";
    return {
      id,
      severity: "problem",
      message: `${name} expired on ${expires.toISOString().slice(0, 10)}.${breaks}`,
    };
  }
  if (days <= EXPIRY_WARNING_DAYS) {
    return {
      id,
      severity: "problem",
      message: `${name} expires in ${days} day${days === 1 ? "" : "s"}, on ${expires.toISOString().slice(0, 10)}: renew it now.`,
    };
  }
  return { id, severity: "ok", message: `${name} is valid until ${expires.toISOString().slice(0, 10)}.` };
}

function versionsFinding(gathered: GatheredState, agentVersions: string[]): Finding {
  const servers = gathered.onPremises.exchangeServers.map(
    (server) => `${server.Name} ${server.FileVersion ?? server.AdminDisplayVersion}`,
  );
  const agents = [...new Set(agentVersions)];
  return {
    id: "versions",
    severity: "ok",
    message: `Exchange: ${servers.join(", ") || "no server read"}. Agent${agents.length === 1 ? "" : "s"}: ${agents.join(", ") || "none"}.`,
  };
}

/** What differs from the previous finished check: the state, or a finding's severity (new, gone, changed). */
export function changesSince(
  previous: { hybridState: HybridState | null; findings: Finding[]; error: string | null } | null,
  current: { hybridState: HybridState | null; findings: Finding[]; error: string | null },
): string[] {
  if (!previous) return [];
  const changes: string[] = [];
  if (previous.hybridState !== current.hybridState) {
    changes.push(`Hybrid state: ${previous.hybridState ?? "unknown"} → ${current.hybridState ?? "unknown"}`);
  }
  if ((previous.error === null) !== (current.error === null)) {
    changes.push(current.error ? `The check now fails: ${current.error}` : "The check runs again");
  }
  const before = new Map(previous.findings.map((finding) => [finding.id, finding.severity]));
  const after = new Map(current.findings.map((finding) => [finding.id, finding.severity]));
  for (const [id, severity] of after) {
    const was = before.get(id);
    if (was !== undefined && was !== severity) changes.push(`${id}: ${was} → ${severity}`);
    else if (was === undefined && severity !== "ok") changes.push(`${id}: new ${severity}`);
  }
  for (const [id, severity] of before) {
    if (!after.has(id) && severity !== "ok" && current.error === null)
      changes.push(`${id}: no longer ${severity}`);
  }
  return changes;
}
