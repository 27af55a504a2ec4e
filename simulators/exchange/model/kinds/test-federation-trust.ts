import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { objectsOf } from "../directory-objects";
import type { ExchangeObject } from "../json";
import { ON_PREMISES, STRING } from "../parameter-types";
import { FEDERATION_METADATA_URLS } from "./federation-trust";

// Test-FederationTrust: the checks Exchange makes of its trust with the Microsoft Federation
// Gateway, one row each, answered from the trust, its signing certificate and the federated
// organization identifier. Clock skew (error 1007) comes as a fault: the simulator has one clock.

interface Check {
  id: string;
  problem: string | undefined;
  success: string;
}

function row(check: Check): ExchangeObject {
  return {
    Id: check.id,
    Type: check.problem ? "Error" : "Success",
    Message: check.problem ?? check.success,
    Identity: null,
    IsValid: true,
  };
}

function certificateProblem(context: CmdletContext, trust: ExchangeObject): string | undefined {
  const thumbprint = String(trust.OrgPrivCertificate ?? "").toLowerCase();
  const certificate = objectsOf(context.state, "ExchangeCertificate").find(
    (candidate) => String(candidate.Thumbprint).toLowerCase() === thumbprint,
  );
  if (!certificate)
    return `The federation certificate ${thumbprint.toUpperCase()} isn't installed on any Exchange server.`;
  if (Date.parse(String(certificate.NotAfter)) < context.now.getTime()) {
    return `The federation certificate ${thumbprint.toUpperCase()} expired on ${String(certificate.NotAfter)}.`;
  }
  return undefined;
}

function checks(context: CmdletContext): Check[] {
  const trust = objectsOf(context.state, "FederationTrust")[0];
  if (!trust) {
    return [
      {
        id: "FederationTrustConfiguration",
        problem: "No federation trust is configured in this organization.",
        success: "",
      },
    ];
  }
  // On-premises Exchange knows no cloud: any cloud's gateway metadata is a gateway it can read.
  const gateways = Object.values(FEDERATION_METADATA_URLS).map((url) => url.toLowerCase());
  const identifier = objectsOf(context.state, "FederatedOrganizationIdentifier")[0];
  const linked =
    identifier?.Enabled === true &&
    String(identifier.DelegationTrustLink ?? "").toLowerCase() === String(trust.Name).toLowerCase();
  return [
    {
      id: "FederationTrustConfiguration",
      problem: undefined,
      success: `Federation trust '${String(trust.Name)}' is configured.`,
    },
    {
      id: "FederationMetadata",
      problem: gateways.includes(String(trust.TokenIssuerMetadataEpr).toLowerCase())
        ? undefined
        : `The federation metadata couldn't be read from ${String(trust.TokenIssuerMetadataEpr)}: it isn't a Microsoft Federation Gateway.`,
      success: "The federation metadata was read from the Microsoft Federation Gateway.",
    },
    {
      id: "OrganizationCertificate",
      problem: certificateProblem(context, trust),
      success: "The federation certificate is valid.",
    },
    {
      id: "TokenRequest",
      problem: linked
        ? undefined
        : "The federated organization identifier isn't enabled with this trust as its delegation trust, so no delegation token can be requested.",
      success: "A delegation token was issued by the Microsoft Federation Gateway.",
    },
  ];
}

export const testFederationTrustCmdlets = defineCmdlets([
  {
    name: "Test-FederationTrust",
    sides: ON_PREMISES,
    parameters: { UserIdentity: STRING },
    run: (context) => checks(context).map(row),
  },
]);
