import { BOTH_SIDES_KINDS } from "./catalog/both-sides-kinds";
import { ON_PREMISES_KINDS } from "./catalog/on-premises-kinds";
import { ONLINE_KINDS } from "./catalog/online-kinds";
import { POLICY_KINDS } from "./catalog/policy-kinds";
import type { ExchangeSide } from "./exchange-side";
import { type CmdletVerb, type KindCmdlet, type ObjectKind, sidesOf } from "./object-kind";

// The production home of Exchange knowledge: every object kind the hybrid configuration reads or
// writes, with its identity, compared properties, cmdlets, their parameters and sides. The
// simulators keep their own model (they stand for Microsoft); tests/unit/exchange/catalog-agreement
// holds the two in agreement.

export const EXCHANGE_OBJECT_KINDS: readonly ObjectKind[] = [
  ...BOTH_SIDES_KINDS,
  ...ON_PREMISES_KINDS,
  ...ONLINE_KINDS,
  ...POLICY_KINDS,
];

const BY_KIND = new Map(EXCHANGE_OBJECT_KINDS.map((kind) => [kind.kind, kind]));

export function objectKind(kind: string): ObjectKind {
  const found = BY_KIND.get(kind);
  if (!found) throw new Error(`lib/exchange has no object kind ${kind}`);
  return found;
}

/** A kind's cmdlet of a verb on a side, e.g. ("SendConnector", "new", "OnPremises") → New-SendConnector. */
export function kindCmdlet(kind: string, verb: CmdletVerb, side: ExchangeSide, name?: string): KindCmdlet {
  const entry = objectKind(kind);
  const found = entry.cmdlets.find(
    (cmdlet) =>
      cmdlet.verb === verb && sidesOf(entry, cmdlet).includes(side) && (!name || cmdlet.name === name),
  );
  if (!found) throw new Error(`lib/exchange has no ${verb} cmdlet for ${kind} on ${side}`);
  return found;
}

/**
 * The removals the agent runs, named one by one: a stale HybridConfiguration object (HCW8019–8023)
 * before the wizard writes a new one, and Undo's removal of each on-premises kind the wizard itself
 * creates. A removal of anything else (a receive connector, a certificate, a mailbox database) is
 * refused by the agent, even if a plan asked for it.
 */
export const AGENT_REMOVALS: ReadonlySet<string> = new Set([
  "Remove-HybridConfiguration",
  "Remove-RemoteDomain",
  "Remove-AcceptedDomain",
  "Remove-OrganizationRelationship",
  "Remove-AvailabilityAddressSpace",
  "Remove-SendConnector",
  "Remove-IntraOrganizationConnector",
  "Remove-AuthServer",
  "Remove-FederationTrust",
  "Remove-FederatedDomain",
  "Remove-SettingOverride",
]);

/** Every on-premises cmdlet of the catalog the agent may run: reads and writes, and the removals above. */
export function agentAllowedCmdlets(): string[] {
  const names = new Set<string>();
  for (const kind of EXCHANGE_OBJECT_KINDS) {
    for (const cmdlet of kind.cmdlets) {
      if (!sidesOf(kind, cmdlet).includes("OnPremises")) continue;
      if (cmdlet.verb === "remove" && !AGENT_REMOVALS.has(cmdlet.name)) continue;
      names.add(cmdlet.name);
    }
  }
  return [...names].sort();
}
