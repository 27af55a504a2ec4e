import { defineCmdlets } from "../cmdlet-definition";
import { getCmdlet } from "../generic-cmdlets";
import { ON_PREMISES, SWITCH } from "../parameter-types";

export const exchangeServerCmdlets = defineCmdlets([
  getCmdlet({
    name: "Get-ExchangeServer",
    kind: "ExchangeServer",
    sides: ON_PREMISES,
    parameters: { Status: SWITCH },
  }),
]);
