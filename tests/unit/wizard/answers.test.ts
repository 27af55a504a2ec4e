import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { type Answers, parseAnswers } from "@/lib/wizard/answers/answers";
import { crossCheckAnswers } from "@/lib/wizard/answers/cross-check-answers";
import { gatherFixture, SHIPPED_FIXTURES, shippedAnswers } from "./gather-from-fixture";

const NOW = new Date("2026-12-01T12:00:00Z");

describe("the shipped answers files", () => {
  for (const fixture of SHIPPED_FIXTURES) {
    it(`docs/answers/${fixture}.json parses and passes the HCW's checks against ${fixture}`, async () => {
      const answers = await shippedAnswers(fixture);
      const { state } = await gatherFixture(fixture);
      expect(crossCheckAnswers({ answers, gathered: state, now: NOW })).toEqual([]);
    });
  }
});

describe("answers the HCW would refuse", () => {
  const withChange = async (fixture: string, change: (answers: Answers) => void) => {
    const answers = structuredClone(await shippedAnswers(fixture));
    change(answers);
    const { state } = await gatherFixture(fixture);
    return crossCheckAnswers({ answers, gathered: state, now: NOW });
  };

  it("names each bad field of a malformed file, not just the first", () => {
    const parsed = parseAnswers({
      environment: { cloud: "Mars" },
      features: { hybrid: "partial" },
      topology: { topology: "Modern" },
    });
    expect(parsed.ok).toBe(false);
    const paths = parsed.ok ? [] : parsed.violations.map((violation) => violation.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "environment.cloud",
        "features.hybrid",
        "topology.topology",
        "domains",
        "certificate",
      ]),
    );
    const topology = parsed.ok
      ? undefined
      : parsed.violations.find((violation) => violation.path === "topology.topology");
    expect(topology?.message).toMatch(/Classic/);
  });

  it("refuses fabrikam's expired certificate", async () => {
    const violations = await withChange("fabrikam", (answers) => {
      answers.certificate.thumbprint = "9188CAF2594C5E55D87C6AC78FE1205BC5DEFA2A";
    });
    expect(violations).toEqual([
      { path: "certificate.thumbprint", message: expect.stringMatching(/not valid now .*Renew it/) },
    ]);
  });

  it("refuses a self-signed certificate, and one that does not cover the organization FQDN", async () => {
    const { state } = await gatherFixture("contoso");
    const selfSigned = state.onPremises.certificates.find((certificate) => certificate.Subject === "CN=EX1")!;
    const violations = await withChange("contoso", (answers) => {
      answers.certificate.thumbprint = selfSigned.Thumbprint;
    });
    expect(violations.map((violation) => violation.message)).toEqual([
      expect.stringMatching(/self-signed/),
      expect.stringMatching(/does not cover mail\.contoso\.com/),
      expect.stringMatching(/not installed on EX2/),
    ]);
  });

  it("accepts a wildcard certificate for the organization FQDN", async () => {
    const { state } = await gatherFixture("contoso");
    const answers = await shippedAnswers("contoso");
    for (const certificate of state.onPremises.certificates) {
      if (certificate.Thumbprint === answers.certificate.thumbprint) {
        certificate.Subject = "CN=*.contoso.com";
        certificate.CertificateDomains = ["*.contoso.com"];
      }
    }
    expect(crossCheckAnswers({ answers, gathered: state, now: NOW })).toEqual([]);
    const other = { ...answers, organizationFqdn: { fqdn: "smtp.mail.contoso.com" } };
    expect(crossCheckAnswers({ answers: other, gathered: state, now: NOW })).toEqual([
      {
        path: "certificate.thumbprint",
        message: expect.stringMatching(/does not cover smtp\.mail\.contoso\.com/),
      },
    ]);
  });

  it("refuses a certificate without SMTP", async () => {
    const { state } = await gatherFixture("contoso");
    const answers = await shippedAnswers("contoso");
    for (const certificate of state.onPremises.certificates) {
      if (certificate.Thumbprint === answers.certificate.thumbprint) certificate.Services = ["IIS"];
    }
    expect(crossCheckAnswers({ answers, gathered: state, now: NOW })).toEqual([
      {
        path: "certificate.thumbprint",
        message: expect.stringMatching(/not assigned to SMTP.*Enable-ExchangeCertificate/),
      },
    ]);
  });

  it("refuses northwind's domain that is not verified in the tenant, and an autodiscover domain outside the hybrid domains", async () => {
    const violations = await withChange("northwind", (answers) => {
      answers.domains.hybridDomains.push("northwindfoods.com");
      answers.domains.autodiscoverDomain = "partners.northwindtraders.com";
    });
    expect(violations).toEqual([
      {
        path: "domains.hybridDomains.2",
        message: expect.stringMatching(/northwindfoods\.com is not verified in your Microsoft 365 tenant/),
      },
      {
        path: "domains.autodiscoverDomain",
        message: expect.stringMatching(/must be one of the hybrid domains/),
      },
    ]);
  });

  it("wants Mailbox servers for the connectors, or Edge servers when Edge is chosen", async () => {
    expect(
      await withChange("northwind", (answers) => {
        answers.sendConnectors.servers = ["NW-EDGE1"];
      }),
    ).toEqual([
      {
        path: "sendConnectors.servers.0",
        message: expect.stringMatching(/does not hold the Mailbox role.*choose Edge Transport/),
      },
    ]);
    expect(
      await withChange("northwind", (answers) => {
        answers.transport.edgeTransport = true;
        answers.receiveConnectors.servers = ["NW-EDGE1"];
      }),
    ).toEqual(
      ["sendConnectors.servers.0", "sendConnectors.servers.1"].map((path) => ({
        path,
        message: expect.stringMatching(/not an Edge Transport server/),
      })),
    );
  });

  it("wants a migration account when the migration endpoint is on", async () => {
    expect(
      await withChange("contoso", (answers) => {
        answers.migrationCredential = null;
      }),
    ).toEqual([
      { path: "migrationCredential", message: expect.stringMatching(/needs an on-premises account/) },
    ]);
  });
});

describe("docs/ANSWERS.md", () => {
  it("shows docs/answers/contoso.json as its example", async () => {
    const page = await readFile("docs/ANSWERS.md", "utf8");
    const block = /<!-- answers-example -->\n```json\n([\s\S]*?)\n```/.exec(page)?.[1];
    expect(JSON.parse(block ?? "null")).toEqual(
      JSON.parse(await readFile("docs/answers/contoso.json", "utf8")),
    );
  });
});
