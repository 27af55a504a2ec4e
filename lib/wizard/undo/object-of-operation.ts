import { objectKind } from "@/lib/exchange/object-catalog";
import type { CmdletVerb } from "@/lib/exchange/object-kind";
import type { PlanOperation } from "@/lib/wizard/plan/plan-types";

// What an operation did to which object, as Undo needs to know it: the catalog's verb of its cmdlet
// (New-, Set-, Add-FederatedDomain…) and one key per object across a run's operations.

/** Microsoft Graph's operations are named as Graph PowerShell's: New-Mg…, Update-Mg…, Remove-Mg…. */
const GRAPH_VERBS: Record<string, CmdletVerb> = { new: "new", update: "set", remove: "remove" };

export function verbOf(operation: Pick<PlanOperation, "side" | "kind" | "cmdlet">): CmdletVerb {
  if (operation.side === "Graph") {
    const verb = GRAPH_VERBS[operation.cmdlet.split("-")[0]!.toLowerCase()];
    if (!verb) throw new Error(`${operation.cmdlet} is not a Microsoft Graph write the wizard knows`);
    return verb;
  }
  const found = objectKind(operation.kind).cmdlets.find(
    (cmdlet) => cmdlet.name.toLowerCase() === operation.cmdlet.toLowerCase(),
  );
  if (!found) throw new Error(`lib/exchange's ${operation.kind} has no cmdlet ${operation.cmdlet}`);
  return found.verb;
}

/** Exchange resolves identities case-insensitively, so a run's New- and Set- of one object share a key. */
export function objectKey(operation: Pick<PlanOperation, "side" | "kind" | "identity">): string {
  return `${operation.side}|${operation.kind}|${operation.identity.toLowerCase()}`;
}

/** Singletons (Set-HybridConfiguration, Set-FederatedOrganizationIdentifier) are written without -Identity. */
export function isSingletonWrite(operation: Pick<PlanOperation, "parameters">): boolean {
  return !("Identity" in operation.parameters);
}
