import { beforeEach, describe, expect, it } from "vitest";
import { openPair, type Pair } from "./organization-harness";

// Parameters arrive as JSON and are bound as PowerShell binds them, failing with PowerShell's errors.

let contoso: Pair;
beforeEach(async () => {
  contoso = await openPair("contoso");
});

describe("parameter binding", () => {
  it("rejects an unknown parameter with NamedParameterNotFound", async () => {
    const error = await contoso.failOnPremises("Set-RemoteDomain", { Identity: "Default", Colour: "blue" });
    expect(error).toMatchObject({
      category: "InvalidArgument",
      exceptionType: "System.Management.Automation.ParameterBindingException",
      message: "A parameter cannot be found that matches parameter name 'Colour'.",
      fullyQualifiedErrorId: "NamedParameterNotFound,Set-RemoteDomain",
      transient: false,
    });
  });

  it("rejects a parameter that exists only on the other side", async () => {
    const error = await contoso.failOnPremises("Set-OrganizationRelationship", {
      Identity: "x",
      MailboxMoveCapability: "Inbound",
    });
    expect(error.errorId).toBe("NamedParameterNotFound");
  });

  it("lists every missing mandatory parameter", async () => {
    const error = await contoso.failOnPremises("New-RemoteDomain", {});
    expect(error.message).toBe(
      "Cannot process command because of one or more missing mandatory parameters: Name DomainName.",
    );
    expect(error.fullyQualifiedErrorId).toBe("MissingMandatoryParameter,New-RemoteDomain");
  });

  it("rejects values of the wrong type with PowerShell's transformation error", async () => {
    const boolean = await contoso.failOnPremises("Set-RemoteDomain", {
      Identity: "Default",
      TargetDeliveryDomain: "yes",
    });
    expect(boolean.category).toBe("InvalidData");
    expect(boolean.message).toMatch(/Cannot convert value "yes" to type "System.Boolean"/);
    const enumeration = await contoso.failOnPremises("Set-RemoteDomain", {
      Identity: "Default",
      AllowedOOFType: "Sometimes",
    });
    expect(enumeration.message).toMatch(
      /Specify one of the following enumerator names and try again: External, InternalLegacy/,
    );
    const list = await contoso.failOnPremises("Set-RemoteDomain", {
      Identity: "Default",
      CharacterSet: ["a", "b"],
    });
    expect(list.message).toMatch(/Cannot convert value "System.Object\[\]"/);
    const nullSwitch = await contoso.failOnPremises("Set-RemoteDomain", {
      Identity: "Default",
      NDREnabled: null,
    });
    expect(nullSwitch.errorId).toBe("ParameterArgumentValidationErrorNullNotAllowed");
  });

  it("binds names case-insensitively, booleans from numbers, enums to their canonical case and comma strings to lists", async () => {
    await contoso.onPremises("set-remotedomain", {
      identity: "default",
      ndrenabled: 1,
      allowedooftype: "externallegacy",
    });
    const [domain] = (await contoso.onPremises("Get-RemoteDomain")).value;
    expect(domain).toMatchObject({ NDREnabled: true, AllowedOOFType: "ExternalLegacy" });
    await contoso.onPremises("New-HybridConfiguration");
    await contoso.onPremises("Set-HybridConfiguration", {
      Features: " freebusy , MoveMailbox",
      SendingTransportServers: "ex1,EX2",
    });
    const [hybrid] = (await contoso.onPremises("Get-HybridConfiguration")).value;
    expect(hybrid).toMatchObject({
      Features: ["FreeBusy", "MoveMailbox"],
      SendingTransportServers: ["EX1", "EX2"],
    });
  });

  it("edits multi-valued properties with @{Add=…; Remove=…}", async () => {
    await contoso.onPremises("New-HybridConfiguration");
    await contoso.onPremises("Set-HybridConfiguration", { Features: ["FreeBusy", "Mailtips"] });
    await contoso.onPremises("Set-HybridConfiguration", {
      Features: { Add: "Photos", remove: ["mailtips"] },
    });
    expect((await contoso.onPremises("Get-HybridConfiguration")).value[0]!.Features).toEqual([
      "FreeBusy",
      "Photos",
    ]);
  });

  it("ignores PowerShell's common parameters", async () => {
    const { value } = await contoso.onPremises("Get-AcceptedDomain", { ErrorAction: "Stop", Confirm: false });
    expect(value).toHaveLength(1);
  });

  it("does not know cmdlets of the other side, nor made-up ones", async () => {
    const error = await contoso.failOnPremises("Get-InboundConnector");
    expect(error).toMatchObject({
      category: "ObjectNotFound",
      fullyQualifiedErrorId: "CommandNotFoundException,Get-InboundConnector",
    });
    expect(error.message).toMatch(
      /^The term 'Get-InboundConnector' is not recognized as the name of a cmdlet/,
    );
    expect((await contoso.failOnline("Get-ExchangeServer")).errorId).toBe("CommandNotFoundException");
  });

  it("gives Exchange's own errors an Exchange-style FullyQualifiedErrorId", async () => {
    const error = await contoso.failOnPremises("Get-RemoteDomain", { Identity: "Nope" });
    expect(error.exceptionType).toBe(
      "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
    );
    expect(error.fullyQualifiedErrorId).toMatch(
      /^\[Server=DC01\.corp\.contoso\.com,RequestId=[0-9a-f-]{36},TimeStamp=[^\]]+\] \[FailureCategory=Cmdlet-ManagementObjectNotFoundException\] [0-9A-F]{8},Microsoft\.Exchange\.Management\.SystemConfigurationTasks\.GetRemoteDomain$/,
    );
  });
});
