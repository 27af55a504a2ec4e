import { describe, expect, it } from "vitest";
import type { ComplianceConnectionResponse } from "@/lib/contracts/exchange-online";
import { changesSince, healthFindings } from "@/lib/partners/health/health-findings";
import { tlsCertificateName } from "@/lib/wizard/gather/gathered-lookups";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import type { PlanOperation } from "@/lib/wizard/plan/plan-types";
import { gatherFixture } from "@/tests/unit/wizard/gather-from-fixture";

// What a health check concludes from a gathered organization: its state, the certificates' expiry
// within 30 days, drift from the last run's plan, and what changed since the check before.

const NOW = new Date("2026-12-02T06:00:00Z");
const DAY = 86_400_000;

async function contosoWith(change: (state: GatheredState) => void): Promise<GatheredState> {
  const { state } = await gatherFixture("contoso");
  const copy = structuredClone(state);
  change(copy);
  return copy;
}

function withCertificates(state: GatheredState, transportDays: number, authDays: number) {
  const [first] = state.onPremises.certificates;
  if (!first) throw new Error("the fixture has no certificate");
  const transport = {
    ...first,
    Thumbprint: "AA11",
    NotAfter: new Date(NOW.getTime() + transportDays * DAY).toISOString(),
  };
  const auth = {
    ...first,
    Thumbprint: "BB22",
    Subject: "CN=Microsoft Exchange Server Auth Certificate",
    NotAfter: new Date(NOW.getTime() + authDays * DAY).toISOString(),
  };
  state.onPremises.certificates = [transport, auth];
  state.onPremises.hybridConfiguration = {
    Identity: "Hybrid Configuration",
    Name: "Hybrid Configuration",
    Domains: [],
    OnPremisesSmartHost: null,
    TlsCertificateName: tlsCertificateName(transport),
    SendingTransportServers: [],
    ReceivingTransportServers: [],
    EdgeTransportServers: [],
    ClientAccessServers: [],
    ExternalIPAddresses: [],
    Features: [],
  };
  state.onPremises.authConfig = {
    CurrentCertificateThumbprint: "BB22",
    NextCertificateThumbprint: null,
    NextCertificateEffectiveDate: null,
  };
}

const COMPLIANCE = { endpoint: "ps.compliance.protection.outlook.com", labels: ["Public", "General"] };

const facts = (
  gathered: GatheredState,
  writes: PlanOperation[] | null,
  compliance: ComplianceConnectionResponse | { error: string } = COMPLIANCE,
) => ({
  gathered,
  checks: [],
  writes,
  agentVersions: ["0.1.0"],
  compliance,
  now: NOW,
});

describe("a health check's findings", () => {
  it("calls an organization without a hybrid configuration not configured", async () => {
    const gathered = await contosoWith((state) => {
      state.onPremises.hybridConfiguration = null;
    });
    const outcome = healthFindings(facts(gathered, null));
    expect(outcome.hybridState).toBe("notConfigured");
    expect(outcome.findings.filter((finding) => finding.severity !== "ok")).toEqual([]);
  });

  it("makes a problem of a transport certificate expiring within 30 days and of an expired Auth certificate", async () => {
    const gathered = await contosoWith((state) => withCertificates(state, 12, -3));
    const outcome = healthFindings(facts(gathered, []));
    expect(outcome.hybridState).toBe("configured");
    expect(outcome.transportCertificateExpiresAt?.toISOString()).toBe(
      new Date(NOW.getTime() + 12 * DAY).toISOString(),
    );
    const byId = new Map(outcome.findings.map((finding) => [finding.id, finding]));
    expect(byId.get("transportCertificate")).toMatchObject({
      severity: "problem",
      message: expect.stringMatching(/expires in 12 days/),
    });
    expect(byId.get("authCertificate")).toMatchObject({
      severity: "problem",
      message: expect.stringMatching(/expired .* OAuth/),
    });
  });

  it("says the hybrid drifted when the last run's plan would change something, naming the changes", async () => {
    const gathered = await contosoWith((state) => withCertificates(state, 200, 200));
    const write = { cmdlet: "Set-SendConnector", identity: "Outbound to Office 365" } as PlanOperation;
    const outcome = healthFindings(facts(gathered, [write]));
    expect(outcome.hybridState).toBe("drifted");
    expect(outcome.planChanges).toBe(1);
    expect(outcome.findings.find((finding) => finding.id === "drift")).toMatchObject({
      severity: "problem",
      message: expect.stringContaining("Set-SendConnector Outbound to Office 365"),
    });
    expect(outcome.findings.find((finding) => finding.id === "transportCertificate")?.severity).toBe("ok");
  });

  it("reports Security & Compliance as reached with its labels, or warns with the reason it was not", async () => {
    const gathered = await contosoWith((state) => withCertificates(state, 200, 200));
    expect(
      healthFindings(facts(gathered, [])).findings.find((finding) => finding.id === "securityAndCompliance"),
    ).toEqual({
      id: "securityAndCompliance",
      severity: "ok",
      message:
        "Security & Compliance (ps.compliance.protection.outlook.com) answered as the partner's technician: 2 sensitivity labels.",
    });
    const refused = healthFindings(facts(gathered, [], { error: "Sign in again with MFA." }));
    expect(refused.findings.find((finding) => finding.id === "securityAndCompliance")).toMatchObject({
      severity: "warning",
      message: expect.stringContaining("Sign in again with MFA."),
    });
  });
});

describe("what changed since the check before", () => {
  const ok = { id: "drift", severity: "ok" as const, message: "" };
  const problem = { ...ok, severity: "problem" as const };
  it("is nothing for the first check, or for the same outcome", () => {
    expect(changesSince(null, { hybridState: "configured", findings: [problem], error: null })).toEqual([]);
    const same = { hybridState: "configured" as const, findings: [ok], error: null };
    expect(changesSince(same, same)).toEqual([]);
  });
  it("names a new problem, a state that moved and a check that now fails", () => {
    expect(
      changesSince(
        { hybridState: "configured", findings: [ok], error: null },
        { hybridState: "drifted", findings: [problem], error: null },
      ),
    ).toEqual(["Hybrid state: configured → drifted", "drift: ok → problem"]);
    expect(
      changesSince(
        { hybridState: "configured", findings: [ok], error: null },
        { hybridState: null, findings: [], error: "No agent" },
      ),
    ).toContain("The check now fails: No agent");
  });
});
