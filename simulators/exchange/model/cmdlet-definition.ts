import type { ExchangeObject, JsonValue } from "./json";
import type { OrganizationState, Side } from "./organization-state";

/**
 * Parameter types as the cmdlets declare them. `.NET type` names are what PowerShell prints in
 * conversion errors, so each type carries the name Exchange uses.
 */
export type ParameterType =
  | { kind: "string"; dotNet?: string }
  | { kind: "switch" }
  | { kind: "boolean" }
  | { kind: "int" }
  | { kind: "guid" }
  | { kind: "uri" }
  | { kind: "enum"; dotNet: string; values: readonly string[] }
  | { kind: "multi"; dotNet: string; values?: readonly string[] }
  | { kind: "credential" };

export interface ParameterSpec {
  type: ParameterType;
  required?: boolean;
  /** Only on these sides; absent means both sides the cmdlet exists on. */
  sides?: readonly Side[];
}

/** Parameter values after binding: canonical names, converted values. */
export type BoundParameters = Record<string, JsonValue>;

export interface CmdletContext {
  state: OrganizationState;
  side: Side;
  cmdlet: string;
  parameters: BoundParameters;
  warnings: string[];
  now: Date;
  /** Reads the paired on-premises organization, for cloud cmdlets that reach back (Test-MigrationServerAvailability). */
  readPairedOnPremises: () => Promise<OrganizationState | undefined>;
}

export interface CmdletDefinition {
  name: string;
  sides: readonly Side[];
  /** The parameter that names the object the cmdlet acts on, when it has one. */
  identityParameter?: string;
  parameters: Record<string, ParameterSpec>;
  run: (context: CmdletContext) => ExchangeObject[] | Promise<ExchangeObject[]>;
}

export function defineCmdlets(definitions: CmdletDefinition[]): CmdletDefinition[] {
  return definitions;
}
