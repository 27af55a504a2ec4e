import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { CMDLET_CATALOG } from "@/simulators/exchange/model/catalog";
import { applyPlan, planFixture } from "../wizard/gather-from-fixture";
import { exercised, openPair, type Pair } from "./organization-harness";

// Every cmdlet of the catalog: its happy path, the change the next Get shows, and how it fails.

const G = "5b2de0bc-75c7-4d17-9f3c-7470d80b3c52"; // contoso tenant OrganizationConfig Guid
const O = "4232ba78-e54f-47d0-b3de-fc1bde24904d"; // contoso on-premises OrganizationConfig Guid
const DIGICERT = "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US";
const TLS_NAME = `<I>${DIGICERT}<S>CN=mail.contoso.com`;

let contoso: Pair;
beforeEach(async () => {
  contoso = await openPair("contoso");
});

describe("read-only configuration cmdlets", () => {
  it("Get-ExchangeServer lists both servers with their roles, and fails for an unknown one", async () => {
    const { value } = await contoso.onPremises("Get-ExchangeServer");
    expect(value.map((server) => server.Name)).toEqual(["EX1", "EX2"]);
    expect(value[0]).toMatchObject({
      Fqdn: "EX1.corp.contoso.com",
      ServerRole: "Mailbox",
      IsClientAccessServer: true,
    });
    expect(String(value[0]!.AdminDisplayVersion)).toMatch(/^Version 15\.2 /);
    const error = await contoso.failOnPremises("Get-ExchangeServer", { Identity: "EX9" });
    expect(error.category).toBe("ObjectNotFound");
    expect(error.message).toBe(
      "The operation couldn't be performed because object 'EX9' couldn't be found on 'DC01.corp.contoso.com'.",
    );
  });

  it("Get-MailboxDatabase hides Exchange 2010 databases unless asked", async () => {
    const fabrikam = await openPair("fabrikam");
    expect((await fabrikam.onPremises("Get-MailboxDatabase")).value.map((db) => db.Server)).toEqual([
      "FAB-EX16",
    ]);
    const all = await fabrikam.onPremises("Get-MailboxDatabase", { IncludePreExchange2013: true });
    expect(all.value.map((db) => db.Server)).toEqual(["FAB-EX16", "FAB-EX10"]);
    expect((await fabrikam.onPremises("Get-MailboxDatabase", { Server: "FAB-EX10" })).value).toEqual([]);
  });

  it("Get-OrganizationConfig returns each side's organization Guid", async () => {
    expect((await contoso.onPremises("Get-OrganizationConfig")).value[0]).toMatchObject({
      Guid: O,
      Name: "Contoso",
    });
    expect((await contoso.online("Get-OrganizationConfig")).value[0]).toMatchObject({
      Guid: G,
      Name: "contoso.onmicrosoft.com",
    });
  });

  it("Get-ExchangeCertificate filters by server and thumbprint and marks expired certificates", async () => {
    const ex1 = (await contoso.onPremises("Get-ExchangeCertificate", { Server: "EX1" })).value;
    const third = ex1.find((certificate) => certificate.Subject === "CN=mail.contoso.com")!;
    expect(third).toMatchObject({
      Issuer: DIGICERT,
      IsSelfSigned: false,
      Status: "Valid",
      Services: "IIS, SMTP",
    });
    expect(third.Identity).toBe(`EX1\\${third.Thumbprint}`);
    const byThumbprint = await contoso.onPremises("Get-ExchangeCertificate", {
      Thumbprint: String(third.Thumbprint),
    });
    expect(byThumbprint.value).toHaveLength(1);
    const fabrikam = await openPair("fabrikam");
    const statuses = (await fabrikam.onPremises("Get-ExchangeCertificate", { Server: "FAB-EX16" })).value
      .filter((certificate) => certificate.Subject === "CN=mail.fabrikam.com")
      .map((certificate) => certificate.Status);
    expect(statuses.sort()).toEqual(["DateInvalid", "Valid"]);
  });

  it("Get-AuthConfig names the auth certificate; Get-IntraOrganizationConfiguration describes both sides", async () => {
    const [config] = (await contoso.onPremises("Get-AuthConfig")).value;
    const certificates = (
      await contoso.onPremises("Get-ExchangeCertificate", {
        Thumbprint: String(config!.CurrentCertificateThumbprint),
      })
    ).value;
    expect(certificates[0]!.Subject).toBe("CN=Microsoft Exchange Server Auth Certificate");
    const onPremises = await contoso.onPremises("Get-IntraOrganizationConfiguration");
    expect(onPremises.value[0]).toMatchObject({
      OnPremiseDiscoveryEndpoint: "https://mail.contoso.com/autodiscover/autodiscover.svc",
      DeploymentIsCompleteIOCReady: true,
    });
    expect(onPremises.warnings[0]).toMatch(/Autodiscover endpoint/);
    const online = await contoso.online("Get-IntraOrganizationConfiguration", { OrganizationGuid: O });
    expect(online.value[0]).toMatchObject({
      OnlineDiscoveryEndpoint: "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc",
      OnlineTargetAddress: "contoso.mail.onmicrosoft.com",
    });
  });
});

describe("accepted and remote domains", () => {
  it("New-, Set- and Remove-AcceptedDomain change what Get-AcceptedDomain returns", async () => {
    const created = await contoso.onPremises("New-AcceptedDomain", {
      Name: "contoso.mail.onmicrosoft.com",
      DomainName: "contoso.mail.onmicrosoft.com",
    });
    expect(created.value[0]).toMatchObject({ DomainType: "Authoritative", Default: false });
    await contoso.onPremises("Set-AcceptedDomain", {
      Identity: "contoso.mail.onmicrosoft.com",
      DomainType: "internalrelay",
    });
    const domain = (
      await contoso.onPremises("Get-AcceptedDomain", { Identity: "contoso.mail.onmicrosoft.com" })
    ).value[0];
    expect(domain!.DomainType).toBe("InternalRelay");
    await contoso.onPremises("Remove-AcceptedDomain", { Identity: "contoso.mail.onmicrosoft.com" });
    expect((await contoso.onPremises("Get-AcceptedDomain")).value.map((d) => d.DomainName)).toEqual([
      "contoso.com",
    ]);
  });

  it("New-AcceptedDomain refuses a duplicate name, a domain already accepted, and a malformed domain", async () => {
    const duplicate = await contoso.failOnPremises("New-AcceptedDomain", {
      Name: "contoso.com",
      DomainName: "x.contoso.com",
    });
    expect(duplicate.category).toBe("ResourceExists");
    expect(duplicate.message).toMatch(/already exists\.$/);
    const taken = await contoso.failOnPremises("New-AcceptedDomain", {
      Name: "Other",
      DomainName: "CONTOSO.com",
    });
    expect(taken.category).toBe("InvalidOperation");
    expect(
      (await contoso.failOnPremises("New-AcceptedDomain", { Name: "Bad", DomainName: "not a domain" }))
        .category,
    ).toBe("InvalidArgument");
  });

  it("the tenant lists its initial, coexistence and verified domains, and -MakeDefault moves the default", async () => {
    const domains = (await contoso.online("Get-AcceptedDomain")).value;
    expect(domains.map((d) => [d.DomainName, d.InitialDomain, d.IsCoexistenceDomain])).toEqual([
      ["contoso.onmicrosoft.com", true, false],
      ["contoso.mail.onmicrosoft.com", false, true],
      ["contoso.com", false, false],
    ]);
    await contoso.online("Set-AcceptedDomain", { Identity: "contoso.com", MakeDefault: true });
    const after = (await contoso.online("Get-AcceptedDomain")).value
      .filter((d) => d.Default)
      .map((d) => d.DomainName);
    expect(after).toEqual(["contoso.com"]);
    expect((await contoso.failOnline("New-AcceptedDomain", { Name: "a", DomainName: "a.com" })).errorId).toBe(
      "CommandNotFoundException",
    );
  });

  it("remote domains are created, set and removed on both sides", async () => {
    for (const side of ["onPremises", "online"] as const) {
      await contoso[side]("New-RemoteDomain", {
        Name: "Hybrid Domain - contoso.mail.onmicrosoft.com",
        DomainName: "contoso.mail.onmicrosoft.com",
      });
      const { warnings } = await contoso[side]("Set-RemoteDomain", {
        Identity: "Hybrid Domain - contoso.mail.onmicrosoft.com",
        TargetDeliveryDomain: true,
      });
      expect(warnings).toEqual([]);
      const [domain] = (
        await contoso[side]("Get-RemoteDomain", { Identity: "Hybrid Domain - contoso.mail.onmicrosoft.com" })
      ).value;
      expect(domain).toMatchObject({
        TargetDeliveryDomain: true,
        DomainName: "contoso.mail.onmicrosoft.com",
      });
      await contoso[side]("Remove-RemoteDomain", {
        Identity: "Hybrid Domain - contoso.mail.onmicrosoft.com",
      });
      expect((await contoso[side]("Get-RemoteDomain")).value).toHaveLength(1);
    }
    expect(
      (await contoso.failOnPremises("New-RemoteDomain", { Name: "Default", DomainName: "y.com" })).category,
    ).toBe("ResourceExists");
    expect(
      (await contoso.failOnline("Set-RemoteDomain", { Identity: "nope", NDREnabled: true })).category,
    ).toBe("ObjectNotFound");
  });

  it("a Set- that changes nothing warns as Exchange does", async () => {
    const { warnings } = await contoso.onPremises("Set-RemoteDomain", {
      Identity: "Default",
      TargetDeliveryDomain: false,
    });
    expect(warnings).toEqual([
      "The command completed successfully but no settings of 'Default' have been modified.",
    ]);
  });
});

describe("email address policies", () => {
  it("Set-EmailAddressPolicy needs accepted domains and one primary; Update- applies it", async () => {
    await contoso.onPremises("New-AcceptedDomain", {
      Name: "contoso.mail.onmicrosoft.com",
      DomainName: "contoso.mail.onmicrosoft.com",
    });
    const templates = ["SMTP:@contoso.com", "smtp:%m@contoso.mail.onmicrosoft.com"];
    await contoso.onPremises("Set-EmailAddressPolicy", {
      Identity: "Default Policy",
      EnabledEmailAddressTemplates: templates,
    });
    let [policy] = (await contoso.onPremises("Get-EmailAddressPolicy")).value;
    expect(policy).toMatchObject({ EnabledEmailAddressTemplates: templates, RecipientFilterApplied: false });
    await contoso.onPremises("Update-EmailAddressPolicy", {
      Identity: "Default Policy",
      UpdateSecondaryAddressesOnly: true,
    });
    [policy] = (await contoso.onPremises("Get-EmailAddressPolicy")).value;
    expect(policy!.RecipientFilterApplied).toBe(true);
    const foreign = await contoso.failOnPremises("Set-EmailAddressPolicy", {
      Identity: "Default Policy",
      EnabledEmailAddressTemplates: "SMTP:@contoso.com,smtp:@fabrikam.com",
    });
    expect(foreign.message).toMatch(/'fabrikam\.com' isn't an accepted domain/);
    const twoPrimaries = await contoso.failOnPremises("Set-EmailAddressPolicy", {
      Identity: "Default Policy",
      EnabledEmailAddressTemplates: ["SMTP:@contoso.com", "SMTP:%m@contoso.com"],
    });
    expect(twoPrimaries.category).toBe("InvalidArgument");
    expect((await contoso.failOnPremises("Update-EmailAddressPolicy", { Identity: "Nope" })).category).toBe(
      "ObjectNotFound",
    );
  });
});

describe("transport", () => {
  it("Set-ReceiveConnector takes a certificate of its server and cloud capabilities", async () => {
    const identity = "EX1\\Default Frontend EX1";
    const [frontend] = (await contoso.onPremises("Get-ReceiveConnector", { Identity: identity })).value;
    expect(frontend).toMatchObject({
      Bindings: ["0.0.0.0:25", "[::]:25"],
      TransportRole: "FrontendTransport",
    });
    expect((await contoso.onPremises("Get-ReceiveConnector", { Server: "EX2" })).value).toHaveLength(5);
    await contoso.onPremises("Set-ReceiveConnector", {
      Identity: identity,
      TLSDomainCapabilities: "mail.protection.outlook.com:AcceptCloudServicesMail",
      TLSCertificateName: TLS_NAME,
    });
    const [changed] = (await contoso.onPremises("Get-ReceiveConnector", { Identity: identity })).value;
    expect(changed).toMatchObject({
      TlsDomainCapabilities: ["mail.protection.outlook.com:AcceptCloudServicesMail"],
      TlsCertificateName: TLS_NAME,
    });
    const unknownCertificate = await contoso.failOnPremises("Set-ReceiveConnector", {
      Identity: identity,
      TlsCertificateName: `<I>${DIGICERT}<S>CN=other.contoso.com`,
    });
    expect(unknownCertificate.message).toMatch(/Couldn't find a certificate/);
    const badCapability = await contoso.failOnPremises("Set-ReceiveConnector", {
      Identity: identity,
      TlsDomainCapabilities: ["mail.protection.outlook.com:AcceptEverything"],
    });
    expect(badCapability.category).toBe("InvalidArgument");
  });

  it("New-SendConnector validates servers and TLS settings; Set- and Remove- follow", async () => {
    const name = `Outbound to Office 365 - ${G}`;
    const parameters = {
      Name: name,
      AddressSpaces: "smtp:contoso.mail.onmicrosoft.com;1",
      DNSRoutingEnabled: true,
      Fqdn: "mail.contoso.com",
      RequireTLS: true,
      TLSAuthLevel: "DomainValidation",
      TLSDomain: "mail.protection.outlook.com",
      CloudServicesMailEnabled: true,
      SourceTransportServers: ["ex1"],
      TLSCertificateName: TLS_NAME,
    };
    const [created] = (await contoso.onPremises("New-SendConnector", parameters)).value;
    expect(created).toMatchObject({
      SourceTransportServers: ["EX1"],
      TlsAuthLevel: "DomainValidation",
      RequireTLS: true,
    });
    expect((await contoso.failOnPremises("New-SendConnector", parameters)).category).toBe("ResourceExists");
    await contoso.onPremises("Set-SendConnector", { Identity: name, SourceTransportServers: ["EX1", "EX2"] });
    expect(
      (await contoso.onPremises("Get-SendConnector", { Identity: name })).value[0]!.SourceTransportServers,
    ).toEqual(["EX1", "EX2"]);
    const missingServer = await contoso.failOnPremises("Set-SendConnector", {
      Identity: name,
      SourceTransportServers: "EX9",
    });
    expect(missingServer.message).toBe(
      'Couldn\'t find object "EX9". Please make sure that it was spelled correctly or specify a different object.',
    );
    const noDomain = await contoso.failOnPremises("New-SendConnector", {
      ...parameters,
      Name: "x",
      TLSDomain: null,
    });
    expect(noDomain.message).toMatch(/TlsDomain must be specified/);
    await contoso.onPremises("Remove-SendConnector", { Identity: name });
    expect((await contoso.onPremises("Get-SendConnector")).value.map((c) => c.Name)).toEqual([
      "Contoso to Internet",
    ]);
  });
});

describe("hybrid configuration and relationships", () => {
  it("New-, Set-, Get- and Remove-HybridConfiguration manage the one hybrid configuration object", async () => {
    expect((await contoso.onPremises("Get-HybridConfiguration")).value).toEqual([]);
    expect(
      (await contoso.failOnPremises("Set-HybridConfiguration", { Domains: "contoso.com" })).category,
    ).toBe("ObjectNotFound");
    await contoso.onPremises("New-HybridConfiguration");
    expect((await contoso.failOnPremises("New-HybridConfiguration")).category).toBe("ResourceExists");
    await contoso.onPremises("Set-HybridConfiguration", {
      Domains: ["contoso.com"],
      OnPremisesSmartHost: "mail.contoso.com",
      TLSCertificateName: TLS_NAME,
      SendingTransportServers: ["EX1"],
      ReceivingTransportServers: ["EX1"],
      EdgeTransportServers: null,
      Features:
        "FreeBusy,MoveMailbox,Mailtips,MessageTracking,OwaRedirection,OnlineArchive,SecureMail,Photos",
    });
    const [hybrid] = (await contoso.onPremises("Get-HybridConfiguration")).value;
    expect(hybrid).toMatchObject({
      Domains: ["contoso.com"],
      EdgeTransportServers: [],
      TlsCertificateName: TLS_NAME,
    });
    expect(hybrid!.Features).toHaveLength(8);
    expect(
      (await contoso.failOnPremises("Set-HybridConfiguration", { Features: ["FreeBusy", "Teleport"] }))
        .errorId,
    ).toBe("ParameterArgumentTransformationError");
    expect(
      (await contoso.failOnPremises("Set-HybridConfiguration", { Domains: ["fabrikam.com"] })).message,
    ).toMatch(/isn't an accepted domain/);
    await contoso.onPremises("Remove-HybridConfiguration");
    expect((await contoso.onPremises("Get-HybridConfiguration")).value).toEqual([]);
  });

  it("organization relationships on both sides, one relationship per domain", async () => {
    const onPremisesName = `On-premises to O365 - ${G}`;
    await contoso.onPremises("New-OrganizationRelationship", {
      Name: onPremisesName,
      DomainNames: "contoso.mail.onmicrosoft.com",
      Enabled: true,
    });
    await contoso.onPremises("Set-OrganizationRelationship", {
      Identity: onPremisesName,
      MailboxMoveEnabled: true,
      FreeBusyAccessEnabled: true,
      FreeBusyAccessLevel: "LimitedDetails",
      MailTipsAccessEnabled: true,
      MailTipsAccessLevel: "All",
      TargetOwaURL: "https://outlook.office.com/mail",
    });
    expect((await contoso.onPremises("Get-OrganizationRelationship")).value[0]).toMatchObject({
      FreeBusyAccessLevel: "LimitedDetails",
      TargetOwaURL: "https://outlook.office.com/mail",
      MailboxMoveEnabled: true,
    });
    const clash = await contoso.failOnPremises("New-OrganizationRelationship", {
      Name: "Another",
      DomainNames: ["contoso.mail.onmicrosoft.com"],
    });
    expect(clash.message).toMatch(/already used by the organization relationship/);
    expect(
      (
        await contoso.failOnPremises("Set-OrganizationRelationship", {
          Identity: onPremisesName,
          TargetOwaURL: "not a url",
        })
      ).errorId,
    ).toBe("ParameterArgumentTransformationError");
    const cloudName = `O365 to On-premises - ${O}`;
    const [cloud] = (
      await contoso.online("New-OrganizationRelationship", { Name: cloudName, DomainNames: ["contoso.com"] })
    ).value;
    expect(cloud).toMatchObject({ MailboxMoveCapability: "None", ExchangeObjectId: cloud!.Guid });
    await contoso.online("Set-OrganizationRelationship", {
      Identity: cloudName,
      MailboxMoveCapability: "Inbound",
    });
    expect(
      (await contoso.online("Get-OrganizationRelationship", { Identity: cloudName })).value[0]!
        .MailboxMoveCapability,
    ).toBe("Inbound");
    await contoso.online("Remove-OrganizationRelationship", { Identity: cloudName });
    await contoso.onPremises("Remove-OrganizationRelationship", { Identity: onPremisesName });
    expect((await contoso.onPremises("Get-OrganizationRelationship")).value).toEqual([]);
  });

  it("availability address spaces: InternalProxy needs a proxy URL, and a forest only once", async () => {
    const parameters = {
      ForestName: "contoso.mail.onmicrosoft.com",
      AccessMethod: "InternalProxy",
      UseServiceAccount: true,
      ProxyUrl: "https://mail.contoso.com/EWS/Exchange.asmx",
    };
    await contoso.onPremises("Add-AvailabilityAddressSpace", parameters);
    expect((await contoso.onPremises("Get-AvailabilityAddressSpace")).value[0]).toMatchObject({
      AccessMethod: "InternalProxy",
      ProxyUrl: "https://mail.contoso.com/EWS/Exchange.asmx",
    });
    expect((await contoso.failOnPremises("Add-AvailabilityAddressSpace", parameters)).category).toBe(
      "ResourceExists",
    );
    expect(
      (
        await contoso.failOnPremises("Add-AvailabilityAddressSpace", {
          ...parameters,
          ForestName: "x.com",
          ProxyUrl: null,
        })
      ).message,
    ).toMatch(/ProxyUrl/);
    await contoso.onPremises("Remove-AvailabilityAddressSpace", { Identity: "contoso.mail.onmicrosoft.com" });
    expect((await contoso.onPremises("Get-AvailabilityAddressSpace")).value).toEqual([]);
  });
});

describe("OAuth", () => {
  it("intra-organization connectors on both sides", async () => {
    await contoso.onPremises("New-IntraOrganizationConnector", {
      Name: `HybridIOC - ${G}`,
      DiscoveryEndpoint: "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc",
      TargetAddressDomains: "contoso.mail.onmicrosoft.com",
      Enabled: true,
    });
    await contoso.onPremises("Set-IntraOrganizationConnector", {
      Identity: `HybridIOC - ${G}`,
      Enabled: false,
    });
    expect((await contoso.onPremises("Get-IntraOrganizationConnector")).value[0]!.Enabled).toBe(false);
    expect(
      (
        await contoso.failOnPremises("New-IntraOrganizationConnector", {
          Name: "x",
          TargetAddressDomains: "a.com",
        })
      ).errorId,
    ).toBe("MissingMandatoryParameter");
    await contoso.online("New-IntraOrganizationConnector", {
      Name: `HybridIOC - ${O}`,
      DiscoveryEndpoint: "https://mail.contoso.com/autodiscover/autodiscover.svc",
      TargetAddressDomains: ["contoso.com"],
    });
    const clash = await contoso.failOnline("New-IntraOrganizationConnector", {
      Name: "Second",
      DiscoveryEndpoint: "https://mail.contoso.com/autodiscover/autodiscover.svc",
      TargetAddressDomains: ["contoso.com"],
    });
    expect(clash.category).toBe("InvalidArgument");
    await contoso.online("Set-IntraOrganizationConnector", {
      Identity: `HybridIOC - ${O}`,
      TargetSharingEpr: "https://mail.contoso.com/EWS/Exchange.asmx",
    });
    const [cloudConnector] = (await contoso.online("Get-IntraOrganizationConnector")).value;
    expect(cloudConnector!.TargetSharingEpr).toBe("https://mail.contoso.com/EWS/Exchange.asmx");
    await contoso.online("Remove-IntraOrganizationConnector", { Identity: `HybridIOC - ${O}` });
    await contoso.onPremises("Remove-IntraOrganizationConnector", { Identity: `HybridIOC - ${G}` });
    expect((await contoso.online("Get-IntraOrganizationConnector")).value).toEqual([]);
  });

  it("auth servers and the Exchange Online partner application", async () => {
    expect(
      (await contoso.onPremises("Get-PartnerApplication", { Identity: "Exchange Online" })).value[0]!.Enabled,
    ).toBe(false);
    await contoso.onPremises("Set-PartnerApplication", { Identity: "Exchange Online", Enabled: true });
    expect((await contoso.onPremises("Get-PartnerApplication")).value[0]!.Enabled).toBe(true);
    await contoso.onPremises("New-AuthServer", {
      Name: `ACS - ${G}`,
      AuthMetadataUrl:
        "https://accounts.accesscontrol.windows.net/be02d50c-0ae5-4169-a670-583b92eb1181/metadata/json/1",
      DomainName: ["contoso.com", "contoso.mail.onmicrosoft.com"],
    });
    await contoso.onPremises("New-AuthServer", {
      Name: `EvoSts - ${G}`,
      Type: "AzureAD",
      AuthMetadataUrl:
        "https://login.windows.net/contoso.onmicrosoft.com/federationmetadata/2007-06/federationmetadata.xml",
    });
    const servers = (await contoso.onPremises("Get-AuthServer")).value;
    expect(servers.map((server) => [server.Type, server.Realm])).toEqual([
      ["MicrosoftACS", "be02d50c-0ae5-4169-a670-583b92eb1181"],
      ["AzureAD", "contoso.onmicrosoft.com"],
    ]);
    await contoso.onPremises("Set-AuthServer", { Identity: `EvoSts - ${G}`, Enabled: false });
    expect(
      (await contoso.onPremises("Get-AuthServer", { Identity: `EvoSts - ${G}` })).value[0]!.Enabled,
    ).toBe(false);
    expect(
      (
        await contoso.failOnPremises("New-AuthServer", {
          Name: "x",
          AuthMetadataUrl: "http://insecure/metadata",
        })
      ).message,
    ).toMatch(/HTTPS/);
    await contoso.onPremises("Remove-AuthServer", { Identity: `EvoSts - ${G}` });
    expect((await contoso.onPremises("Get-AuthServer")).value).toHaveLength(1);
  });
});

describe("MRSProxy and migration", () => {
  it("Set-WebServicesVirtualDirectory enables MRSProxy, which migration endpoints then reach", async () => {
    const directories = (
      await contoso.onPremises("Get-WebServicesVirtualDirectory", { ADPropertiesOnly: true })
    ).value;
    expect(directories.map((d) => [d.Identity, d.MRSProxyEnabled])).toEqual([
      ["EX1\\EWS (Default Web Site)", false],
      ["EX2\\EWS (Default Web Site)", false],
    ]);
    expect(
      (await contoso.onPremises("Get-OwaVirtualDirectory", { Server: "EX2" })).value[0]!.ExternalUrl,
    ).toBe("https://mail.contoso.com/owa");
    const test = { ExchangeRemoteMove: true, RemoteServer: "mail.contoso.com" };
    const failed = (await contoso.online("Test-MigrationServerAvailability", test)).value[0];
    expect(failed).toMatchObject({ Result: "Failed" });
    expect(String(failed!.ErrorDetail)).toMatch(/MRSProxy/);
    const endpoint = {
      Name: "Hybrid Migration Endpoint - EWS (Default Web Site)",
      ...test,
      Credentials: { UserName: "CONTOSO\\admin", Password: "p" },
    };
    const refused = await contoso.failOnline("New-MigrationEndpoint", endpoint);
    expect(refused.message).toMatch(
      /^The connection to the server 'mail.contoso.com' could not be completed\./,
    );
    for (const server of ["EX1", "EX2"]) {
      await contoso.onPremises("Set-WebServicesVirtualDirectory", {
        Identity: `${server}\\EWS (Default Web Site)`,
        MRSProxyEnabled: true,
      });
    }
    expect((await contoso.online("Test-MigrationServerAvailability", test)).value[0]!.Result).toBe("Success");
    const [created] = (await contoso.online("New-MigrationEndpoint", endpoint)).value;
    expect(created).toMatchObject({
      EndpointType: "ExchangeRemoteMove",
      RemoteServer: "mail.contoso.com",
      Username: "CONTOSO\\admin",
    });
    expect(created).not.toHaveProperty("Password");
    await contoso.online("Set-MigrationEndpoint", { Identity: endpoint.Name, MaxConcurrentMigrations: "50" });
    expect((await contoso.online("Get-MigrationEndpoint")).value[0]!.MaxConcurrentMigrations).toBe("50");
    await contoso.online("Remove-MigrationEndpoint", { Identity: endpoint.Name });
    expect((await contoso.online("Get-MigrationEndpoint")).value).toEqual([]);
  });
});

describe("federation (Exchange 2010 present)", () => {
  it("trust, organization identifier, federated domains and TXT proofs", async () => {
    const fabrikam = await openPair("fabrikam");
    expect(
      (await fabrikam.failOnPremises("Get-FederatedDomainProof", { DomainName: "fabrikam.com" })).category,
    ).toBe("InvalidOperation");
    expect(
      (await fabrikam.failOnPremises("Set-FederatedOrganizationIdentifier", { Enabled: true })).category,
    ).toBe("InvalidOperation");
    await fabrikam.onPremises("New-FederationTrust", { Name: "Microsoft Federation Gateway" });
    expect((await fabrikam.failOnPremises("New-FederationTrust", { Name: "Second" })).category).toBe(
      "InvalidOperation",
    );
    const [proof] = (await fabrikam.onPremises("Get-FederatedDomainProof", { DomainName: "fabrikam.com" }))
      .value;
    expect(proof!.DnsRecord).toBe(`fabrikam.com IN TXT ${proof!.Proof}`);
    const again = (await fabrikam.onPremises("Get-FederatedDomainProof", { DomainName: "fabrikam.com" }))
      .value[0];
    expect(again!.Proof).toBe(proof!.Proof);
    await fabrikam.onPremises("Set-FederatedOrganizationIdentifier", {
      AccountNamespace: "fabrikam.com",
      DelegationFederationTrust: "Microsoft Federation Gateway",
      Enabled: true,
    });
    const [identifier] = (await fabrikam.onPremises("Get-FederatedOrganizationIdentifier")).value;
    expect(identifier).toMatchObject({
      AccountNamespace: "FYDIBOHF25SPDLT.fabrikam.com",
      DelegationTrustLink: "Microsoft Federation Gateway",
      Enabled: true,
      Domains: ["fabrikam.com"],
    });
    await fabrikam.onPremises("New-AcceptedDomain", { Name: "fabrikam.net", DomainName: "fabrikam.net" });
    await fabrikam.onPremises("Add-FederatedDomain", { DomainName: "fabrikam.net" });
    expect((await fabrikam.onPremises("Get-FederatedOrganizationIdentifier")).value[0]!.Domains).toEqual([
      "fabrikam.com",
      "fabrikam.net",
    ]);
    const gov = "https://login.microsoftonline.us/FederationMetadata/2006-12/FederationMetadata.xml";
    await fabrikam.onPremises("Set-FederationTrust", {
      Identity: "Microsoft Federation Gateway",
      MetadataUrl: gov,
      RefreshMetadata: true,
    });
    expect((await fabrikam.onPremises("Get-FederationTrust")).value[0]!.TokenIssuerMetadataEpr).toBe(gov);
    await fabrikam.online("Set-FederatedOrganizationIdentifier", {
      DefaultDomain: "fabrikam.mail.onmicrosoft.com",
      Enabled: true,
    });
    expect((await fabrikam.online("Get-FederatedOrganizationIdentifier")).value[0]!.DefaultDomain).toBe(
      "fabrikam.mail.onmicrosoft.com",
    );
    expect(
      (await fabrikam.failOnline("Set-FederatedOrganizationIdentifier", { DefaultDomain: "elsewhere.com" }))
        .category,
    ).toBe("InvalidArgument");
    await fabrikam.onPremises("Set-FederatedOrganizationIdentifier", { Enabled: false });
    await fabrikam.onPremises("Remove-FederationTrust", { Identity: "Microsoft Federation Gateway" });
    expect((await fabrikam.onPremises("Get-FederationTrust")).value).toEqual([]);
  });
});

describe("Exchange Online mail flow objects", () => {
  it("inbound and outbound connectors and the on-premises organization", async () => {
    const inbound = `Inbound from ${O}`;
    const outbound = `Outbound to ${O}`;
    const missingCertificate = await contoso.failOnline("New-InboundConnector", {
      Name: inbound,
      ConnectorType: "OnPremises",
      SenderDomains: "*",
    });
    expect(missingCertificate.message).toMatch(/TlsSenderCertificateName or SenderIPAddresses/);
    await contoso.online("New-InboundConnector", {
      Name: inbound,
      ConnectorType: "OnPremises",
      ConnectorSource: "HybridWizard",
      CloudServicesMailEnabled: true,
      RequireTLS: true,
      SenderDomains: "*",
      TLSSenderCertificateName: "mail.contoso.com",
    });
    expect((await contoso.online("Get-InboundConnector")).value[0]).toMatchObject({
      SenderDomains: ["smtp:*;1"],
      RequireTls: true,
      TlsSenderCertificateName: "mail.contoso.com",
    });
    await contoso.online("Set-InboundConnector", {
      Identity: inbound,
      TlsSenderCertificateName: "*.contoso.com",
    });
    expect(
      (await contoso.online("Get-InboundConnector", { Identity: inbound })).value[0]!
        .TlsSenderCertificateName,
    ).toBe("*.contoso.com");
    const outboundParameters = {
      Name: outbound,
      ConnectorType: "OnPremises",
      ConnectorSource: "HybridWizard",
      RecipientDomains: "contoso.com",
      SmartHosts: "mail.contoso.com",
      TLSSettings: "DomainValidation",
      TLSDomain: "mail.contoso.com",
      CloudServicesMailEnabled: true,
      RouteAllMessagesViaOnPremises: false,
      UseMxRecord: false,
    };
    await contoso.online("New-OutboundConnector", outboundParameters);
    await contoso.online("Set-OutboundConnector", {
      Identity: outbound,
      RouteAllMessagesViaOnPremises: true,
    });
    expect((await contoso.online("Get-OutboundConnector")).value[0]).toMatchObject({
      UseMXRecord: false,
      RouteAllMessagesViaOnPremises: true,
    });
    expect(
      (
        await contoso.failOnline("New-OutboundConnector", {
          ...outboundParameters,
          Name: "x",
          SmartHosts: [],
        })
      ).message,
    ).toMatch(/SmartHosts/);
    const organization = {
      Name: O,
      OrganizationGuid: O,
      OrganizationName: "Contoso",
      HybridDomains: "contoso.com",
      InboundConnector: inbound,
      OutboundConnector: outbound,
    };
    expect(
      (await contoso.failOnline("New-OnPremisesOrganization", { ...organization, InboundConnector: "Nope" }))
        .category,
    ).toBe("ObjectNotFound");
    expect(
      (
        await contoso.failOnline("New-OnPremisesOrganization", {
          ...organization,
          HybridDomains: "fabrikam.com",
        })
      ).message,
    ).toMatch(/accepted domain/);
    expect(
      (
        await contoso.failOnline("New-OnPremisesOrganization", {
          ...organization,
          OrganizationGuid: "not-a-guid",
        })
      ).errorId,
    ).toBe("ParameterArgumentTransformationError");
    await contoso.online("New-OnPremisesOrganization", organization);
    await contoso.online("Set-OnPremisesOrganization", { Identity: O, Comment: "encoded settings" });
    expect((await contoso.online("Get-OnPremisesOrganization")).value[0]).toMatchObject({
      Comment: "encoded settings",
      OrganizationGuid: O,
    });
    expect(
      (await contoso.online("Get-IntraOrganizationConfiguration", { OrganizationGuid: O })).value[0]!
        .OnPremiseTargetAddresses,
    ).toEqual(["contoso.com"]);
    await contoso.online("Remove-OnPremisesOrganization", { Identity: O });
    await contoso.online("Remove-OutboundConnector", { Identity: outbound });
    await contoso.online("Remove-InboundConnector", { Identity: inbound });
    expect((await contoso.online("Get-InboundConnector")).value).toEqual([]);
  });
});

describe("organization policies (what Organization Configuration Transfer copies)", () => {
  it("both sides start with Exchange's default policies; the tenant's Outlook on the web default has its own name", async () => {
    expect(
      (await contoso.onPremises("Get-OwaMailboxPolicy", { Identity: "Default" })).value[0],
    ).toMatchObject({
      IsDefault: true,
      CalendarEnabled: true,
    });
    expect(
      (await contoso.online("Get-OwaMailboxPolicy")).value.map((policy) => [policy.Name, policy.IsDefault]),
    ).toEqual([["OwaMailboxPolicy-Default", true]]);
    for (const side of ["onPremises", "online"] as const) {
      const [mrm] = (await contoso[side]("Get-RetentionPolicy", { Identity: "Default MRM Policy" })).value;
      expect(mrm!.RetentionPolicyTagLinks).toContain("Default 2 year move to archive");
    }
    // Exchange's default tags carry the same RetentionId on both sides, so moved items keep their tags.
    const ids = await Promise.all(
      (["onPremises", "online"] as const).map(
        async (side) =>
          (await contoso[side]("Get-RetentionPolicyTag", { Identity: "Never Delete" })).value[0]!.RetentionId,
      ),
    );
    expect(ids[0]).toBe(ids[1]);
  });

  it("Outlook on the web policies: New- takes a name, Set- the features, Remove- deletes", async () => {
    for (const side of ["onPremises", "online"] as const) {
      await contoso[side]("New-OwaMailboxPolicy", { Name: "Kiosk" });
      await contoso[side]("Set-OwaMailboxPolicy", {
        Identity: "Kiosk",
        CalendarEnabled: false,
        AllowOfflineOn: "NoComputers",
        BlockedFileTypes: [".exe"],
      });
      expect((await contoso[side]("Get-OwaMailboxPolicy", { Identity: "Kiosk" })).value[0]).toMatchObject({
        CalendarEnabled: false,
        AllowOfflineOn: "NoComputers",
        BlockedFileTypes: [".exe"],
        IsDefault: false,
      });
      await contoso[side]("Remove-OwaMailboxPolicy", { Identity: "Kiosk" });
    }
    expect(
      (await contoso.failOnline("New-OwaMailboxPolicy", { Name: "OwaMailboxPolicy-Default" })).category,
    ).toBe("ResourceExists");
    expect(
      (
        await contoso.failOnPremises("Set-OwaMailboxPolicy", {
          Identity: "Default",
          AllowOfflineOn: "Sometimes",
        })
      ).errorId,
    ).toBe("ParameterArgumentTransformationError");
  });

  it("mobile device policies take their settings at creation; Set- and Remove- follow", async () => {
    for (const side of ["onPremises", "online"] as const) {
      await contoso[side]("New-MobileDeviceMailboxPolicy", {
        Name: "Phones",
        PasswordEnabled: true,
        MinPasswordLength: 6,
        MaxPasswordFailedAttempts: "10",
      });
      await contoso[side]("Set-MobileDeviceMailboxPolicy", { Identity: "Phones", AllowCamera: false });
      expect(
        (await contoso[side]("Get-MobileDeviceMailboxPolicy", { Identity: "Phones" })).value[0],
      ).toMatchObject({
        PasswordEnabled: true,
        MinPasswordLength: 6,
        MaxPasswordFailedAttempts: "10",
        AllowCamera: false,
        AllowBluetooth: "Allow",
      });
      await contoso[side]("Remove-MobileDeviceMailboxPolicy", { Identity: "Phones" });
    }
    expect(
      (await contoso.failOnline("New-MobileDeviceMailboxPolicy", { Name: "x", MinPasswordLength: "six" }))
        .errorId,
    ).toBe("ParameterArgumentTransformationError");
  });

  it("retention tags keep a given RetentionId; policies link tags that exist on their side", async () => {
    const retentionId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    for (const side of ["onPremises", "online"] as const) {
      await contoso[side]("New-RetentionPolicyTag", {
        Name: "Legal 10 years",
        Type: "All",
        AgeLimitForRetention: "3650",
        RetentionAction: "DeleteAndAllowRecovery",
        RetentionId: retentionId,
      });
      await contoso[side]("Set-RetentionPolicyTag", {
        Identity: "Legal 10 years",
        AgeLimitForRetention: "3652",
      });
      expect(
        (await contoso[side]("Get-RetentionPolicyTag", { Identity: "Legal 10 years" })).value[0],
      ).toMatchObject({
        RetentionId: retentionId,
        AgeLimitForRetention: "3652.00:00:00",
        RetentionEnabled: true,
      });
      await contoso[side]("New-RetentionPolicy", {
        Name: "Legal",
        RetentionPolicyTagLinks: ["legal 10 years"],
      });
      await contoso[side]("Set-RetentionPolicy", {
        Identity: "Legal",
        RetentionPolicyTagLinks: ["Legal 10 years", "Deleted Items"],
      });
      expect(
        (await contoso[side]("Get-RetentionPolicy", { Identity: "Legal" })).value[0]!.RetentionPolicyTagLinks,
      ).toEqual(["Legal 10 years", "Deleted Items"]);
      await contoso[side]("Remove-RetentionPolicy", { Identity: "Legal" });
      await contoso[side]("Remove-RetentionPolicyTag", { Identity: "Legal 10 years" });
    }
    expect(
      (
        await contoso.failOnline("New-RetentionPolicy", {
          Name: "Orphan",
          RetentionPolicyTagLinks: ["No such tag"],
        })
      ).category,
    ).toBe("ObjectNotFound");
    const taken = (await contoso.online("Get-RetentionPolicyTag", { Identity: "Never Delete" })).value[0]!
      .RetentionId;
    expect(
      (
        await contoso.failOnline("New-RetentionPolicyTag", {
          Name: "Copy",
          Type: "Personal",
          RetentionId: taken,
        })
      ).message,
    ).toMatch(/already used/);
  });
});

describe("the dedicated hybrid application's switches", () => {
  it("a setting override is created, read and removed; the topology service refreshes on request", async () => {
    const override = {
      Name: "EnableExchangeHybrid3PAppFeature",
      Component: "Global",
      Section: "ExchangeOnpremAsThirdPartyAppId",
      Parameters: ["Enabled=true"],
      Reason: "dedicated hybrid application",
    };
    await contoso.onPremises("New-SettingOverride", override);
    expect((await contoso.onPremises("Get-SettingOverride")).value[0]).toMatchObject({
      Name: override.Name,
      ComponentName: "Global",
      SectionName: "ExchangeOnpremAsThirdPartyAppId",
      Parameters: ["Enabled=true"],
    });
    const [diagnostic] = (
      await contoso.onPremises("Get-ExchangeDiagnosticInfo", {
        Process: "Microsoft.Exchange.Directory.TopologyService",
        Component: "VariantConfiguration",
        Argument: "Refresh",
      })
    ).value;
    expect(String(diagnostic!.Result)).toContain("Refreshed");
    expect((await contoso.failOnPremises("New-SettingOverride", override)).category).toBe("ResourceExists");
    expect(
      (
        await contoso.failOnPremises("New-SettingOverride", {
          ...override,
          Name: "Other",
          Parameters: ["Enabled"],
        })
      ).message,
    ).toMatch(/Name=Value/);
    await contoso.onPremises("Remove-SettingOverride", { Identity: override.Name });
    expect((await contoso.onPremises("Get-SettingOverride")).value).toEqual([]);
    expect((await contoso.failOnline("Get-SettingOverride")).category).toBe("ObjectNotFound");
  });

  it("Set-OrganizationConfig replaces Exchange Online's EWS allow-list whole", async () => {
    expect((await contoso.online("Get-OrganizationConfig")).value[0]).toMatchObject({
      EWSEnabled: null,
      EwsAllowedAppIDs: [],
    });
    await contoso.online("Set-OrganizationConfig", { EWSEnabled: true, EwsAllowedAppIDs: ["a", "b"] });
    await contoso.online("Set-OrganizationConfig", { EwsAllowedAppIDs: ["c"] });
    expect((await contoso.online("Get-OrganizationConfig")).value[0]).toMatchObject({
      EWSEnabled: true,
      EwsAllowedAppIDs: ["c"],
    });
    expect(
      (await contoso.failOnPremises("Set-OrganizationConfig", { EwsAllowedAppIDs: ["c"] })).category,
    ).toBe("ObjectNotFound");
  });
});

describe("validation probes (the HCW's ValidateConfiguration) and mailbox moves", () => {
  const CLOUD_EWS = "https://outlook.office365.com/EWS/Exchange.asmx";
  const ON_PREMISES_EWS = "https://mail.contoso.com/EWS/Exchange.asmx";
  const ONLINE_RELATIONSHIP = `O365 to On-premises - ${O}`;
  const ON_PREMISES_RELATIONSHIP = `On-premises to O365 - ${G}`;

  async function configuredContoso(): Promise<Pair> {
    const { pair, plan } = await planFixture("contoso");
    await applyPlan(pair, plan);
    return pair;
  }

  it("Test-OAuthConnectivity answers from the OAuth configuration of both sides", async () => {
    const unconfigured = (
      await contoso.onPremises("Test-OAuthConnectivity", { Service: "EWS", TargetUri: CLOUD_EWS })
    ).value[0];
    expect(unconfigured).toMatchObject({ ResultType: "Error" });
    expect(String(unconfigured!.Detail)).toMatch(/intra-organization connector/);

    const configured = await configuredContoso();
    const outbound = { Service: "EWS", TargetUri: CLOUD_EWS };
    const inbound = { Service: "EWS", TargetUri: ON_PREMISES_EWS };
    expect((await configured.onPremises("Test-OAuthConnectivity", outbound)).value[0]!.ResultType).toBe(
      "Success",
    );
    expect((await configured.online("Test-OAuthConnectivity", inbound)).value[0]!.ResultType).toBe("Success");
    const wrongHost = (
      await configured.online("Test-OAuthConnectivity", {
        Service: "EWS",
        TargetUri: "https://ews.contoso.net/EWS/Exchange.asmx",
      })
    ).value[0];
    expect(String(wrongHost!.Detail)).toMatch(/\(404\)/);

    await configured.onPremises("Set-PartnerApplication", { Identity: "Exchange Online", Enabled: false });
    for (const result of [
      (await configured.onPremises("Test-OAuthConnectivity", outbound)).value[0]!,
      (await configured.online("Test-OAuthConnectivity", inbound)).value[0]!,
    ]) {
      expect(result.ResultType).toBe("Error");
      expect(String(result.Detail)).toMatch(/partner application 'Exchange Online' is disabled/);
    }
    expect((await configured.failOnline("Test-OAuthConnectivity", { Service: "EWS" })).category).toBe(
      "InvalidArgument",
    );
  });

  it("Test-OrganizationRelationship looks free/busy up across the relationship, from either side", async () => {
    const ADMIN_MAILBOX = "adele@contoso.com";
    const configured = await configuredContoso();
    expect(
      (
        await configured.online("Test-OrganizationRelationship", {
          Identity: ONLINE_RELATIONSHIP,
          UserIdentity: ADMIN_MAILBOX,
        })
      ).value[0],
    ).toMatchObject({ Status: "Success", Identity: ONLINE_RELATIONSHIP });
    expect(
      (
        await configured.onPremises("Test-OrganizationRelationship", {
          Identity: ON_PREMISES_RELATIONSHIP,
          UserIdentity: ADMIN_MAILBOX,
        })
      ).value[0]!.Status,
    ).toBe("Success");
    // On-premises stops sharing free/busy: the cloud's lookup fails on the other side.
    await configured.onPremises("Set-OrganizationRelationship", {
      Identity: ON_PREMISES_RELATIONSHIP,
      FreeBusyAccessEnabled: false,
    });
    const broken = (
      await configured.online("Test-OrganizationRelationship", {
        Identity: ONLINE_RELATIONSHIP,
        UserIdentity: ADMIN_MAILBOX,
      })
    ).value[0];
    expect(broken).toMatchObject({ Status: "Error" });
    expect(String(broken!.Description)).toMatch(/doesn't share free\/busy/);
    expect(
      (
        await configured.failOnline("Test-OrganizationRelationship", {
          Identity: "No such relationship",
          UserIdentity: ADMIN_MAILBOX,
        })
      ).category,
    ).toBe("ObjectNotFound");
    // As in Exchange, the lookup is made as a mailbox, which must be named.
    expect(
      (await configured.failOnline("Test-OrganizationRelationship", { Identity: ONLINE_RELATIONSHIP }))
        .message,
    ).toMatch(/missing mandatory parameters: UserIdentity/);
  });

  it("Test-FederationTrust checks the trust, its metadata, its certificate and the identifier; Remove-FederatedDomain undoes Add-FederatedDomain", async () => {
    const fabrikam = await openPair("fabrikam");
    expect((await fabrikam.onPremises("Test-FederationTrust")).value).toEqual([
      expect.objectContaining({ Id: "FederationTrustConfiguration", Type: "Error" }),
    ]);
    const { pair, plan } = await planFixture("fabrikam");
    await applyPlan(pair, plan);
    expect((await pair.onPremises("Test-FederationTrust")).value.map((row) => [row.Id, row.Type])).toEqual([
      ["FederationTrustConfiguration", "Success"],
      ["FederationMetadata", "Success"],
      ["OrganizationCertificate", "Success"],
      ["TokenRequest", "Success"],
    ]);

    await pair.onPremises("New-AcceptedDomain", { Name: "fabrikam.net", DomainName: "fabrikam.net" });
    await pair.onPremises("Add-FederatedDomain", { DomainName: "fabrikam.net" });
    await pair.onPremises("Remove-FederatedDomain", { DomainName: "fabrikam.net" });
    const identifier = async () => (await pair.onPremises("Get-FederatedOrganizationIdentifier")).value[0]!;
    expect((await identifier()).Domains).toEqual(["fabrikam.com"]);
    expect(
      (await pair.failOnPremises("Remove-FederatedDomain", { DomainName: "fabrikam.net" })).category,
    ).toBe("ObjectNotFound");
    expect(
      (await pair.failOnPremises("Remove-FederatedDomain", { DomainName: "fabrikam.com" })).message,
    ).toMatch(/account namespace/);

    // Federation off again: no namespace, no trust linked, and the token request fails.
    await pair.onPremises("Set-FederatedOrganizationIdentifier", {
      AccountNamespace: null,
      DelegationFederationTrust: null,
      Enabled: false,
    });
    expect(await identifier()).toMatchObject({
      AccountNamespace: null,
      DelegationTrustLink: null,
      Domains: [],
    });
    const rows = (await pair.onPremises("Test-FederationTrust")).value;
    expect(rows.find((row) => row.Id === "TokenRequest")).toMatchObject({ Type: "Error" });
  });

  it("mailbox moves: a migration batch through the endpoint and a direct move request, both listed", async () => {
    const configured = await configuredContoso();
    const endpoint = "Hybrid Migration Endpoint - EWS (Default Web Site)";
    const batch = {
      Name: "Wave 1",
      SourceEndpoint: endpoint,
      TargetDeliveryDomain: "contoso.mail.onmicrosoft.com",
      CSVData: "EmailAddress\nalex@contoso.com\nmegan@contoso.com\n",
      AutoStart: true,
    };
    const [created] = (await configured.online("New-MigrationBatch", batch)).value;
    expect(created).toMatchObject({
      Identity: "Wave 1",
      SourceEndpoint: endpoint,
      Status: "Syncing",
      TotalCount: 2,
    });
    await configured.online("New-MoveRequest", {
      Identity: "lee@contoso.com",
      Remote: true,
      RemoteHostName: "mail.contoso.com",
      RemoteCredential: { UserName: "CONTOSO\\admin", Password: "p" },
      TargetDeliveryDomain: "contoso.mail.onmicrosoft.com",
    });
    expect(
      (await configured.online("Get-MoveRequest")).value.map((request) => [
        request.Identity,
        request.RemoteHostName,
        request.BatchName,
      ]),
    ).toEqual([
      ["alex@contoso.com", "mail.contoso.com", "MigrationService:Wave 1"],
      ["megan@contoso.com", "mail.contoso.com", "MigrationService:Wave 1"],
      ["lee@contoso.com", "mail.contoso.com", null],
    ]);
    // Cancelled: the request is gone; a second cancel finds none.
    await configured.online("Remove-MoveRequest", { Identity: "lee@contoso.com" });
    expect((await configured.online("Get-MoveRequest")).value.map((request) => request.Identity)).toEqual([
      "alex@contoso.com",
      "megan@contoso.com",
    ]);
    expect(
      (await configured.failOnline("Remove-MoveRequest", { Identity: "lee@contoso.com" })).category,
    ).toBe("ObjectNotFound");
    expect((await configured.online("Get-MigrationBatch")).value.map((entry) => entry.Identity)).toEqual([
      "Wave 1",
    ]);
    expect(
      (
        await configured.failOnline("New-MigrationBatch", {
          ...batch,
          Name: "Wave 2",
          SourceEndpoint: "None",
        })
      ).category,
    ).toBe("ObjectNotFound");
    expect(
      (await configured.failOnline("New-MigrationBatch", { ...batch, Name: "Wave 3", CSVData: "Name\nx" }))
        .message,
    ).toMatch(/EmailAddress/);
  });
});

afterAll(() => {
  const missing = CMDLET_CATALOG.flatMap((definition) =>
    definition.sides.map((side) => `${side}:${definition.name}`),
  ).filter((entry) => !exercised.has(entry));
  expect(missing, "cmdlets of the catalog that no test above ran successfully").toEqual([]);
});
