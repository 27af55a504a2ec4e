import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import { kindCmdlet } from "@/lib/exchange/object-catalog";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { GATHER_READS } from "@/lib/wizard/gather/read-list";

// An object of a run found again in a fresh gather: the read of its kind's Get- on its side says
// where the gathered state keeps it; Exchange resolves the identity against name, identity and the
// kind's own identifying property, case-insensitively.

type GatheredObject = Record<string, unknown>;

function readOf(side: ExchangeSide, kind: string) {
  const get = kindCmdlet(kind, "get", side).name;
  return GATHER_READS.find((entry) => entry.side === side && entry.cmdlet === get);
}

/** Whether a gather reads objects of the kind at all (a kind it does not read cannot be compared). */
export function isGathered(side: ExchangeSide, kind: string): boolean {
  return readOf(side, kind) !== undefined;
}

function gatheredOfKind(
  gathered: GatheredState,
  side: ExchangeSide,
  kind: string,
): { objects: GatheredObject[]; single: boolean } {
  const read = readOf(side, kind);
  if (!read) return { objects: [], single: false };
  const held = (side === "OnPremises" ? gathered.onPremises : gathered.online) as Record<string, unknown>;
  const value = held[read.fills.key];
  const objects = Array.isArray(value) ? (value as GatheredObject[]) : value ? [value as GatheredObject] : [];
  return { objects, single: read.single === true };
}

export function findGatheredObject(
  gathered: GatheredState,
  operation: { side: ExchangeSide; kind: string; identity: string },
  identityProperty: string,
): GatheredObject | undefined {
  const { objects, single } = gatheredOfKind(gathered, operation.side, operation.kind);
  // The hybrid configuration, the federation trust, the federated identifier: the one there is.
  if (single) return objects[0];
  const wanted = operation.identity.toLowerCase();
  return objects.find((object) =>
    ["Name", "Identity", identityProperty].some(
      (property) =>
        typeof object[property] === "string" && (object[property] as string).toLowerCase() === wanted,
    ),
  );
}
