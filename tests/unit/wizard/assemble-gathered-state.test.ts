import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assembleGatheredState } from "@/lib/wizard/gather/assemble-gathered-state";
import { EXSETUP_VERSION_PROBE, type ReadOutcome } from "@/lib/wizard/gather/read-list";
import { gatherFixture } from "./gather-from-fixture";

function refusal(outcomes: ReadOutcome[]): AppError {
  try {
    assembleGatheredState(outcomes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("assembleGatheredState accepted the reads");
}

describe("assembling the gathered state from what each read returned", () => {
  it("reads certificates and receive connectors per server, leaving Edge out of certificate reads", async () => {
    const { outcomes, state } = await gatherFixture("northwind");
    const certificateServers = outcomes
      .filter((outcome) => outcome.invocation.cmdlet === "Get-ExchangeCertificate")
      .map((outcome) => outcome.invocation.server);
    expect(certificateServers).toEqual(["NW-EX1", "NW-EX2"]);
    const receiveServers = outcomes
      .filter((outcome) => outcome.invocation.cmdlet === "Get-ReceiveConnector")
      .map((outcome) => outcome.invocation.server);
    expect(receiveServers).toEqual(["NW-EX1", "NW-EX2", "NW-EDGE1"]);
    expect(
      new Set(state.onPremises.certificates.map((certificate) => certificate.Identity.split("\\")[0])),
    ).toEqual(new Set(["NW-EX1", "NW-EX2"]));
    expect(
      state.onPremises.certificates.find(
        (certificate) => certificate.Subject === "CN=mail.northwindtraders.com",
      )!.Services,
    ).toEqual(["IIS", "SMTP"]);
  });

  it("keeps Exchange's property names and drops what the plan does not read", async () => {
    const { state } = await gatherFixture("woodgrove");
    expect(state.online.inboundConnectors[0]).toEqual({
      Identity: "Inbound from 657eda73-deb5-41da-a6c6-941af35a8eb0",
      Name: "Inbound from 657eda73-deb5-41da-a6c6-941af35a8eb0",
      ConnectorType: "OnPremises",
      ConnectorSource: "HybridWizard",
      CloudServicesMailEnabled: true,
      RequireTls: true,
      SenderDomains: ["smtp:*;1"],
      TlsSenderCertificateName: "mail.woodgrovepartners.com",
      Enabled: true,
    });
    expect(state.online.acceptedDomains.find((domain) => domain.IsCoexistenceDomain)?.DomainName).toBe(
      "woodgrovepartners.mail.onmicrosoft.com",
    );
  });

  it("refuses a read whose output does not parse, naming the cmdlet, server, object and property", async () => {
    const { outcomes } = await gatherFixture("contoso");
    const broken = outcomes.map((outcome) =>
      outcome.invocation.cmdlet === "Get-ExchangeCertificate" && outcome.invocation.server === "EX2"
        ? {
            ...outcome,
            objects: outcome.objects.map((object, index) =>
              index === 1 ? { ...(object as object), NotAfter: 20291231 } : object,
            ),
          }
        : outcome,
    );
    const error = refusal(broken);
    expect(error.message).toMatch(
      /^Get-ExchangeCertificate -Server EX2 \(on-premises\) returned output the wizard cannot read \(object \d+, property NotAfter: .*\)\. Nothing was planned/,
    );
  });

  it("refuses a missing read and a singleton read that returned several objects", async () => {
    const { outcomes } = await gatherFixture("woodgrove");
    expect(
      refusal(outcomes.filter((outcome) => outcome.invocation.cmdlet !== "Get-InboundConnector")).message,
    ).toMatch(/^Get-InboundConnector \(Exchange Online\) was not read/);
    const doubled = outcomes.map((outcome) =>
      outcome.invocation.cmdlet === "Get-HybridConfiguration"
        ? { ...outcome, objects: [...outcome.objects, ...outcome.objects] }
        : outcome,
    );
    expect(refusal(doubled).message).toMatch(
      /Get-HybridConfiguration \(on-premises\) returned 2 objects where Exchange keeps one/,
    );
  });

  it("adds ExSetup.exe's file version to its server where the agent read it", async () => {
    const { outcomes } = await gatherFixture("contoso");
    const probe: ReadOutcome = {
      invocation: {
        readId: `OnPremises:${EXSETUP_VERSION_PROBE}`,
        side: "OnPremises",
        cmdlet: EXSETUP_VERSION_PROBE,
        parameters: { Server: "EX1" },
        server: "EX1",
      },
      objects: [{ FileVersion: "15.2.1544.25" }],
    };
    const state = assembleGatheredState([...outcomes, probe]);
    expect(
      state.onPremises.exchangeServers.map((server) => [server.Name, server.FileVersion ?? null]),
    ).toEqual([
      ["EX1", "15.2.1544.25"],
      ["EX2", null],
    ]);
  });
});
