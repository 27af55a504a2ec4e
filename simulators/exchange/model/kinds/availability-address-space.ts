import { defineCmdlets } from "../cmdlet-definition";
import { directoryObject, invalidValueError } from "../directory-objects";
import { booleanParameter, getCmdlet, newCmdlet, removeCmdlet } from "../generic-cmdlets";
import { BOOLEAN, CREDENTIAL, ON_PREMISES, oneOf, REQUIRED_STRING, URI } from "../parameter-types";
import { requireDomainNames } from "../references";

const KIND = "AvailabilityAddressSpace";

export const availabilityAddressSpaceCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-AvailabilityAddressSpace", kind: KIND, sides: ON_PREMISES }),
  newCmdlet({
    name: "Add-AvailabilityAddressSpace",
    kind: KIND,
    sides: ON_PREMISES,
    parameters: {
      ForestName: REQUIRED_STRING,
      AccessMethod: oneOf(
        "Microsoft.Exchange.Data.Directory.SystemConfiguration.AvailabilityAccessMethod",
        ["PerUserFB", "OrgWideFB", "OrgWideFBBasic", "InternalProxy", "PublicFolder"],
        { required: true },
      ),
      UseServiceAccount: BOOLEAN,
      ProxyUrl: URI,
      TargetAutodiscoverEpr: URI,
      Credentials: CREDENTIAL,
    },
    validate(context) {
      requireDomainNames(context, "ForestName", [String(context.parameters.ForestName)]);
      if (
        context.parameters.AccessMethod === "InternalProxy" &&
        typeof context.parameters.ProxyUrl !== "string"
      ) {
        throw invalidValueError(
          context,
          "The ProxyUrl parameter must be specified when AccessMethod is InternalProxy.",
        );
      }
    },
    create(context) {
      const forest = String(context.parameters.ForestName);
      const credentials = context.parameters.Credentials;
      return {
        ...directoryObject(context, {
          name: forest,
          container: "CN=Availability Configuration",
          schema: "ms-Exch-Availability-Address-Space",
          objectClass: ["top", "msExchAvailabilityAddressSpace"],
          exchangeVersion: "0.1 (8.0.535.0)",
        }),
        AccessMethod: String(context.parameters.AccessMethod),
        ForestName: forest,
        ParentPathId: "CN=Availability Configuration",
        ProxyUrl: context.parameters.ProxyUrl ?? null,
        TargetAutodiscoverEpr: context.parameters.TargetAutodiscoverEpr ?? null,
        // Exchange keeps the account name and never returns the password.
        UserName:
          credentials && typeof credentials === "object" && !Array.isArray(credentials)
            ? String(credentials.UserName)
            : "",
        UseServiceAccount: booleanParameter(context, "UseServiceAccount", false),
      };
    },
  }),
  removeCmdlet({ name: "Remove-AvailabilityAddressSpace", kind: KIND, sides: ON_PREMISES }),
]);
