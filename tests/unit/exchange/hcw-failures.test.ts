import { describe, expect, it } from "vitest";
import { diagnoseExchangeFailure, type ExchangeFailure } from "@/lib/exchange/hcw/hcw-failures";

function codesFor(failure: ExchangeFailure): readonly string[] | undefined {
  return diagnoseExchangeFailure(failure)?.codes;
}

describe("diagnoseExchangeFailure", () => {
  it("names throttling whatever the cmdlet", () => {
    expect(
      codesFor({
        side: "exchangeOnline",
        cmdlet: "New-InboundConnector",
        message: "Too many requests",
        httpStatus: 429,
      }),
    ).toEqual(["429"]);
  });

  it("treats a dropped on-premises session as the transient HCW8083/8084/8100 and says to retry", () => {
    const found = diagnoseExchangeFailure({
      side: "onPremises",
      cmdlet: "Set-ReceiveConnector",
      message:
        "The I/O operation has been aborted because of either a thread exit or an application request.",
      transient: true,
    });
    expect(found?.codes).toContain("HCW8100");
    expect(found?.retryable).toBe(true);
  });

  it("names a dropped connection to Exchange Online HCW8100/8084 too, with a fix about the way out, not IIS", () => {
    const found = diagnoseExchangeFailure({
      side: "exchangeOnline",
      cmdlet: "New-InboundConnector",
      message: "The connection to Exchange Online was closed before it answered New-InboundConnector.",
      transient: true,
    });
    expect(found?.codes).toEqual(["HCW8100", "HCW8084"]);
    expect(found?.retryable).toBe(true);
    expect(found?.fix).toMatch(/^Usually passing: retry\. .*proxy or firewall/);
    expect(found?.fix).not.toContain("MSExchangePowerShellAppPool");
  });

  it("maps each hybrid object's cmdlet failure to the HCW code admins search for", () => {
    const refused = (side: ExchangeFailure["side"], cmdlet: string) =>
      codesFor({ side, cmdlet, message: "refused" });
    expect(refused("exchangeOnline", "New-MigrationEndpoint")).toEqual(["HCW8078"]);
    expect(refused("onPremises", "New-OrganizationRelationship")).toEqual(["HCW8034"]);
    expect(refused("onPremises", "New-AuthServer")).toEqual(["HCW8064"]);
    expect(refused("exchangeOnline", "New-IntraOrganizationConnector")).toEqual(["HCW8064"]);
    expect(refused("onPremises", "Set-HybridConfiguration")).toContain("HCW8020");
    expect(refused("onPremises", "Update-EmailAddressPolicy")).toEqual(["HCW8055"]);
  });

  it("prefers the specific cause in the message over the cmdlet's general failure", () => {
    expect(
      codesFor({
        side: "exchangeOnline",
        cmdlet: "Set-OrganizationRelationship",
        message: "Federation information could not be received from the external organization.",
      }),
    ).toEqual(["HCW8057"]);
    expect(
      codesFor({
        side: "onPremises",
        cmdlet: "New-FederationTrust",
        message: "The clock skew is too great (1007).",
      }),
    ).toEqual(["1007"]);
  });

  it("gives the unusable transport certificate its fix and no HCW code: 5.7.64 is an SMTP status, named as one", () => {
    const found = diagnoseExchangeFailure({
      side: "exchangeOnline",
      cmdlet: "New-InboundConnector",
      message: "The certificate with thumbprint AB12 does not have the SMTP service enabled.",
    });
    expect(found?.codes).toEqual([]);
    expect(found?.title).toBe("The transport certificate is not usable for hybrid mail flow");
    expect(found?.fix).toMatch(
      /^Choose a certificate from a public CA .*Enable-ExchangeCertificate -Services SMTP/,
    );
    expect(found?.fix).toContain("SMTP status 5.7.64");
  });

  it("names refused consent for the dedicated hybrid application as HCW8126", () => {
    expect(
      codesFor({
        side: "graph",
        cmdlet: "POST servicePrincipals/appRoleAssignments",
        message: "Authorization_RequestDenied",
        httpStatus: 403,
      }),
    ).toEqual(["HCW8126"]);
  });

  it("names Set-HybridConfiguration's refusal of a server without the Client Access role HCW8008, with how to clear it", () => {
    const found = diagnoseExchangeFailure({
      side: "onPremises",
      cmdlet: "Set-HybridConfiguration",
      message:
        "The value 'EX2010-01' of parameter ClientAccessServers isn't valid: the server doesn't have the Client Access server role installed.",
      category: "InvalidArgument",
    });
    expect(found?.codes).toContain("HCW8008");
    expect(found?.title).toBe("Client Access or Edge settings of the hybrid configuration are not accepted");
    expect(found?.fix).toMatch(
      /Set-HybridConfiguration -ClientAccessServers \$null -ExternalIPAddresses \$null/,
    );
    // A word that merely contains "edge" is no Edge mistake.
    expect(
      codesFor({
        side: "onPremises",
        cmdlet: "Set-ReceiveConnector",
        message: "The request was acknowledged, but the Active Directory write was not replicated in time.",
      }),
    ).toBeUndefined();
  });

  it("names a free/busy lookup the organization relationship refuses HCW8034, with how to share it again", () => {
    const found = diagnoseExchangeFailure({
      side: "exchangeOnline",
      cmdlet: "Test-OrganizationRelationship",
      message: "The organization relationship 'O365 to On-premises' doesn't share free/busy information.",
    });
    expect(found?.codes).toEqual(["HCW8034"]);
    expect(found?.title).toBe("Free/busy lookups across the organization relationship fail");
    expect(found?.fix).toMatch(
      /Set-OrganizationRelationship -Enabled \$true -FreeBusyAccessEnabled \$true -FreeBusyAccessLevel LimitedDetails/,
    );
  });

  it("knows nothing of an error it has no entry for", () => {
    expect(
      diagnoseExchangeFailure({
        side: "onPremises",
        cmdlet: "Get-ExchangeServer",
        message: "Something odd.",
      }),
    ).toBeNull();
  });
});
