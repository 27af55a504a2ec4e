import type { ExchangeSide } from "./exchange-side";

// The shape of lib/exchange's catalog: each object kind the hybrid configuration touches, told as
// plain data (no imports beyond types) so that lib/agents/protocol.ts can derive the agent's
// allow-list from it and the browser can read it.

/**
 * What a cmdlet does to its kind: `get` reads, `new`/`set`/`remove` create, change and delete;
 * `apply` acts without being one of those (Update-EmailAddressPolicy, Add-FederatedDomain);
 * `read` answers without reading a stored object (Get-FederatedDomainProof, Test-MigrationServerAvailability).
 */
export type CmdletVerb = "get" | "new" | "set" | "remove" | "apply" | "read";

export interface KindCmdlet {
  verb: CmdletVerb;
  name: string;
  /** Where it exists; the kind's sides when absent. */
  sides?: readonly ExchangeSide[];
  /** The parameters the wizard passes (its spelling; PowerShell binds names case-insensitively). */
  parameters: readonly string[];
  /** Parameters that exist on one side only. */
  parameterSides?: Readonly<Record<string, ExchangeSide>>;
}

export interface ObjectKind {
  kind: string;
  sides: readonly ExchangeSide[];
  /** The property that identifies an object of the kind for the plan (Name, DomainName, ForestName…). */
  identity: string;
  /** The properties the plan compares, as Get- returns them. */
  compared: readonly string[];
  /** Where a parameter is spelt otherwise than its property (-TLSCertificateName sets TlsCertificateName). */
  parameterOf?: Readonly<Record<string, string>>;
  /**
   * New- parameters that set no property of their name, so Get- never returns them: a removal does
   * not look for them on the object (-ExchangeRemoteMove, which Get- shows as EndpointType).
   */
  creationOnly?: readonly string[];
  cmdlets: readonly KindCmdlet[];
}

export function sidesOf(kind: ObjectKind, cmdlet: KindCmdlet): readonly ExchangeSide[] {
  return cmdlet.sides ?? kind.sides;
}

/** The parameter that sets a property. */
export function parameterFor(kind: ObjectKind, property: string): string {
  return kind.parameterOf?.[property] ?? property;
}
