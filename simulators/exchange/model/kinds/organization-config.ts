import { defineCmdlets } from "../cmdlet-definition";
import { getCmdlet } from "../generic-cmdlets";
import { BOTH_SIDES } from "../parameter-types";

export const organizationConfigCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-OrganizationConfig", kind: "OrganizationConfig", sides: BOTH_SIDES }),
]);
