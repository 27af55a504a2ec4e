import { describe, expect, it } from "vitest";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { runGatheredView } from "@/lib/wizard/runs/run-gathered-view";
import type { StoredGather } from "@/lib/wizard/runs/stored-gather";
import { gatherFixture } from "./gather-from-fixture";

// What the pages after Gathering configuration offer, and why they refuse what they refuse.

const NOW = new Date("2026-12-01T12:00:00Z");

function stored(state: GatheredState): StoredGather {
  return { state, records: [], checks: [], durationMs: 1, exchange2010: false, domainProofs: [] };
}

describe("the gather as the pages offer it", () => {
  it("Northwind: an accepted domain not verified in the tenant is shown, not offered, with why; Edge is not a Mailbox server", async () => {
    const { state } = await gatherFixture("northwind");
    const view = runGatheredView(stored(state), NOW, NOW);
    const unavailable = Object.fromEntries(view.domains.map((domain) => [domain.domain, domain.unavailable]));
    expect(unavailable["northwindtraders.com"]).toBeNull();
    expect(unavailable["northwind.us"]).toBeNull();
    expect(unavailable["northwindfoods.com"]).toMatch(/^Not verified in your Microsoft 365 tenant/);
    const edge = view.servers.find((server) => server.name === "NW-EDGE1");
    expect(edge).toMatchObject({ edge: true, mailbox: false });
    const mailbox = view.servers.find((server) => server.name === "NW-EX1");
    expect(mailbox).toMatchObject({ edge: false, mailbox: true });
    expect(mailbox?.frontendReceiveConnector).toMatch(/Default Frontend NW-EX1/);
    expect(mailbox?.version).toMatch(/^Exchange 2019 15\.2\./);
  });

  it("Fabrikam: the expired certificate is refused with its dates, the current one offered", async () => {
    const { state } = await gatherFixture("fabrikam");
    const view = runGatheredView(stored(state), NOW, NOW);
    const invalid = Object.fromEntries(
      view.certificates.map((certificate) => [certificate.thumbprint, certificate.invalid]),
    );
    expect(invalid["9188CAF2594C5E55D87C6AC78FE1205BC5DEFA2A"]).toMatch(
      /^Expired or not yet valid \(valid .* to .*\): renew it\.$/,
    );
    expect(invalid.A6184A66BBAB1DD3C221D109EBB670746258FCA0).toBeNull();
    expect(view.federationTrust).toBe(false);
  });

  it("a self-signed certificate and one not assigned to SMTP are refused, each with what to do", async () => {
    const { state } = await gatherFixture("contoso");
    const certificate = state.onPremises.certificates.find((candidate) => !candidate.IsSelfSigned);
    if (!certificate) throw new Error("Contoso has a certificate from a public authority");
    const changed: GatheredState = {
      ...state,
      onPremises: {
        ...state.onPremises,
        certificates: [
          { ...certificate, Thumbprint: "1".repeat(40), IsSelfSigned: true },
          { ...certificate, Thumbprint: "2".repeat(40), Services: ["IIS"] },
        ],
      },
    };
    const [selfSigned, noSmtp] = runGatheredView(stored(changed), NOW, NOW).certificates;
    expect(selfSigned?.invalid).toBe("Self-signed: Exchange Online does not trust it.");
    expect(noSmtp?.invalid).toBe(
      `Not assigned to SMTP: run Enable-ExchangeCertificate -Thumbprint ${"2".repeat(40)} -Services SMTP.`,
    );
  });

  it("Contoso after an update: the coexistence domain it added on-premises is not offered to share", async () => {
    const { state } = await gatherFixture("contoso");
    const [accepted] = state.onPremises.acceptedDomains;
    if (!accepted) throw new Error("Contoso has an accepted domain on-premises");
    const updated: GatheredState = {
      ...state,
      onPremises: {
        ...state.onPremises,
        acceptedDomains: [
          ...state.onPremises.acceptedDomains,
          { ...accepted, DomainName: "Contoso.mail.onmicrosoft.com" },
        ],
      },
    };
    expect(runGatheredView(stored(updated), NOW, NOW).domains.map((domain) => domain.domain)).toEqual([
      "contoso.com",
    ]);
  });
});
