import { createHash } from "node:crypto";
import { defineCmdlets } from "../cmdlet-definition";
import { invalidOperationError, objectsOf } from "../directory-objects";
import { ON_PREMISES, REQUIRED_STRING, STRING } from "../parameter-types";
import { requireDomainNames } from "../references";

/**
 * The TXT proof Exchange derives from the federation certificate and the domain name: stable for a
 * given trust and domain, different across organizations, so a wizard can check DNS for it.
 */
export const federatedDomainProofCmdlets = defineCmdlets([
  {
    name: "Get-FederatedDomainProof",
    sides: ON_PREMISES,
    parameters: { DomainName: REQUIRED_STRING, Thumbprint: STRING },
    run(context) {
      const domain = String(context.parameters.DomainName);
      requireDomainNames(context, "DomainName", [domain]);
      const trust = objectsOf(context.state, "FederationTrust")[0];
      const thumbprint =
        typeof context.parameters.Thumbprint === "string"
          ? context.parameters.Thumbprint
          : trust?.OrgPrivCertificate;
      if (typeof thumbprint !== "string" || thumbprint.length === 0) {
        throw invalidOperationError(
          context,
          "No federation certificate was found. Create a federation trust with New-FederationTrust, or specify -Thumbprint.",
        );
      }
      const proof = createHash("sha256")
        .update(`${thumbprint.toUpperCase()}|${domain.toLowerCase()}`)
        .digest("base64");
      return [
        {
          DnsRecord: `${domain} IN TXT ${proof}`,
          DomainName: domain,
          Name: domain,
          Proof: proof,
          Thumbprint: thumbprint.toUpperCase(),
        },
      ];
    },
  },
]);
