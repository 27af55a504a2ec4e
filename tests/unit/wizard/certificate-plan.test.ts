import { describe, expect, it } from "vitest";
import { computeCertificatePlan } from "@/lib/wizard/plan/compute-certificate-plan";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import { writesOf } from "@/lib/wizard/plan/plan-types";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { openPair } from "../exchange-sim/organization-harness";
import { applyPlan, gatherPair, shippedAnswers, tenantFactsOf } from "./gather-from-fixture";

// Replace the transport certificate on a configured Contoso whose servers have a second, renewed
// certificate with another subject: only the certificate settings change, and afterwards a full run
// with that certificate has nothing left to do.

const RENEWED = "B7C1D2E3F4A5968778695A4B3C2D1E0F11223344";
const ISSUER = "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US";

async function configuredContosoWithRenewal() {
  const fixture = await loadFixture("contoso");
  for (const server of ["EX1", "EX2"]) {
    fixture.onPremises.certificates.push({
      ...fixture.onPremises.certificates[0]!,
      server,
      thumbprint: RENEWED,
      subject: "CN=smtp.contoso.com",
      domains: ["smtp.contoso.com", "mail.contoso.com"],
    });
  }
  const pair = await openPair(fixture);
  const answers = await shippedAnswers("contoso");
  const tenant = tenantFactsOf(pair);
  await applyPlan(pair, computePlan({ gathered: (await gatherPair(pair)).state, answers, tenant }));
  return { pair, answers, tenant };
}

describe("Replace the transport certificate", () => {
  it("touches only the certificate settings of the hybrid configuration and the connectors; a full run then has nothing to do", async () => {
    const { pair, answers, tenant } = await configuredContosoWithRenewal();
    const gathered = (await gatherPair(pair)).state;
    const answer = computeCertificatePlan({
      gathered,
      answers,
      tenant,
      thumbprint: RENEWED,
      now: new Date(),
    });
    if (!answer.ok) throw new Error(JSON.stringify(answer.violations));
    const tlsName = `<I>${ISSUER}<S>CN=smtp.contoso.com`;
    expect(
      answer.plan.operations.map((operation) => [
        operation.side,
        operation.cmdlet,
        operation.identity,
        operation.after,
      ]),
    ).toEqual([
      ["OnPremises", "Set-HybridConfiguration", "Hybrid Configuration", { TlsCertificateName: tlsName }],
      [
        "OnPremises",
        "Set-SendConnector",
        `Outbound to Office 365 - ${gathered.online.organizationConfig.Guid}`,
        { TlsCertificateName: tlsName },
      ],
      ["OnPremises", "Set-ReceiveConnector", "EX1\\Default Frontend EX1", { TlsCertificateName: tlsName }],
      ["OnPremises", "Set-ReceiveConnector", "EX2\\Default Frontend EX2", { TlsCertificateName: tlsName }],
      [
        "Online",
        "Set-InboundConnector",
        expect.any(String),
        { TlsSenderCertificateName: "smtp.contoso.com" },
      ],
      ["Online", "Set-OutboundConnector", expect.any(String), { TlsDomain: "smtp.contoso.com" }],
    ]);
    expect(answer.plan.operations[0]!.parameters).toEqual({ TLSCertificateName: tlsName });
    expect(answer.plan.notes).toEqual([]);

    await applyPlan(pair, answer.plan);
    const renewed = { ...answers, certificate: { thumbprint: RENEWED } };
    const again = computePlan({ gathered: (await gatherPair(pair)).state, answers: renewed, tenant });
    expect(writesOf(again).map((operation) => operation.id)).toEqual([]);
  });

  it("refuses a certificate the HCW would not offer, naming why", async () => {
    const fabrikam = await openPair("fabrikam");
    const answer = computeCertificatePlan({
      gathered: (await gatherPair(fabrikam)).state,
      answers: await shippedAnswers("fabrikam"),
      tenant: tenantFactsOf(fabrikam),
      thumbprint: "9188CAF2594C5E55D87C6AC78FE1205BC5DEFA2A",
      now: new Date(),
    });
    expect(answer).toEqual({
      ok: false,
      violations: [
        { path: "certificate.thumbprint", message: expect.stringMatching(/is not valid now .*Renew it/) },
      ],
    });
  });

  it("says where there is nothing to change yet, before the first run", async () => {
    const contoso = await openPair("contoso");
    const answer = computeCertificatePlan({
      gathered: (await gatherPair(contoso)).state,
      answers: await shippedAnswers("contoso"),
      tenant: tenantFactsOf(contoso),
      thumbprint: "A3F2F6F20697C191C2E2734CC133FD1907FBD37B",
      now: new Date(),
    });
    expect(answer.ok && answer.plan.notes[0]).toMatch(/^There is no hybrid configuration yet/);
    expect(answer.ok && answer.plan.operations.map((operation) => operation.cmdlet)).toEqual([
      "Set-ReceiveConnector",
      "Set-ReceiveConnector",
    ]);
  });
});
