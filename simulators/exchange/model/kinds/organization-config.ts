import { defineCmdlets } from "../cmdlet-definition";
import { getCmdlet, setCmdlet } from "../generic-cmdlets";
import { BOOLEAN, BOTH_SIDES, multi, ONLINE } from "../parameter-types";

// Exchange Online's EWS switches: EWSEnabled (unset until the tenant or Microsoft sets it) and
// EwsAllowedAppIDs, which each Set- replaces whole.

export const organizationConfigCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-OrganizationConfig", kind: "OrganizationConfig", sides: BOTH_SIDES }),
  setCmdlet({
    name: "Set-OrganizationConfig",
    kind: "OrganizationConfig",
    sides: ONLINE,
    singleton: true,
    parameters: { EWSEnabled: BOOLEAN, EwsAllowedAppIDs: multi("System.String") },
  }),
]);
