import { bindParameters } from "./bind-parameters";
import { findCmdlet, isReadOnly } from "./catalog";
import type { ExchangeObject } from "./json";
import type { OrganizationState } from "./organization-state";

export interface InvokeCmdletInput {
  state: OrganizationState;
  cmdletName: string;
  parameters: Record<string, unknown>;
  readPairedOnPremises?: () => Promise<OrganizationState | undefined>;
  now?: Date;
}

export interface InvokeCmdletResult {
  value: ExchangeObject[];
  warnings: string[];
  /** The state after the cmdlet; the same object when nothing could have changed. */
  state: OrganizationState;
  changed: boolean;
}

/**
 * Runs one cmdlet against an organization. A cmdlet that fails leaves the state as it was: writes run
 * on a copy that replaces the state only on success, as a failed Exchange cmdlet commits nothing.
 */
export async function invokeCmdlet(input: InvokeCmdletInput): Promise<InvokeCmdletResult> {
  const definition = findCmdlet(input.cmdletName, input.state.side);
  const parameters = bindParameters(definition, input.state.side, input.parameters);
  const readOnly = isReadOnly(definition);
  const state = readOnly ? input.state : structuredClone(input.state);
  const warnings: string[] = [];
  const value = await definition.run({
    state,
    side: state.side,
    cmdlet: definition.name,
    parameters,
    warnings,
    now: input.now ?? new Date(),
    readPairedOnPremises: input.readPairedOnPremises ?? (async () => undefined),
  });
  const changed = !readOnly && JSON.stringify(state.objects) !== JSON.stringify(input.state.objects);
  return { value, warnings, state: changed ? state : input.state, changed };
}
