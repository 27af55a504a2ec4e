import { GraphError } from "./graph-error";

// The $filter forms this simulator answers: `<property> eq '<value>'` on the properties a client
// looks an object up by, a property of a complex one too (`customer/tenantId`); '' escapes a quote,
// as OData says. Anything else is Graph's 400.

const EQUALS = /^\s*(\w+(?:\/\w+)?)\s+eq\s+'((?:[^']|'')*)'\s*$/;

export function parseEqualsFilter<K extends string>(
  filter: string | null,
  properties: readonly K[],
): { property: K; value: string } | undefined {
  if (filter === null) return undefined;
  const match = EQUALS.exec(filter);
  const property = properties.find((name) => name === match?.[1]);
  if (!match || !property) {
    throw new GraphError(
      400,
      "Request_UnsupportedQuery",
      `Unsupported query: this simulator filters only with ${properties.map((name) => `${name} eq '…'`).join(" or ")}.`,
    );
  }
  return { property, value: match[2]!.replaceAll("''", "'") };
}

/** Graph compares these string properties without regard to case. */
export function matchesFilter(
  object: Record<string, unknown>,
  filter: { property: string; value: string } | undefined,
): boolean {
  if (!filter) return true;
  const actual = filter.property
    .split("/")
    .reduce<unknown>((value, name) => (value as Record<string, unknown> | undefined)?.[name], object);
  return typeof actual === "string" && actual.toLowerCase() === filter.value.toLowerCase();
}
