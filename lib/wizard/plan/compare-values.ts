import { accountDomainOf } from "@/lib/exchange/account-namespace";
import type { PlanValue } from "./plan-types";

// When an object already has the value the plan wants. Exchange compares names, domains and
// server references case-insensitively and keeps multi-valued properties as sets; an unset value
// reads as null, "" or an empty list depending on the property and the serialiser.

/** Address spaces as Exchange stores them: `*` is `smtp:*;1`. */
const ADDRESS_SPACE_PROPERTIES = new Set(["AddressSpaces", "SenderDomains"]);

function normalizeAddressSpace(space: string): string {
  const withType = space.includes(":") ? space : `smtp:${space}`;
  return withType.includes(";") ? withType : `${withType};1`;
}

function normalized(property: string, value: unknown): string | number | boolean | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "boolean" || typeof value === "number") return value;
  // Exchange shows FYDIBOHF25SPDLT.contoso.com for the -AccountNamespace contoso.com it was given.
  if (property === "AccountNamespace" && typeof value === "string")
    return normalized("", accountDomainOf(value));
  if (!Array.isArray(value)) return String(value).trim().replace(/\/$/, "").toLowerCase();
  if (value.length === 0) return null;
  const items = value.map(String);
  const spelled = ADDRESS_SPACE_PROPERTIES.has(property) ? items.map(normalizeAddressSpace) : items;
  return [...new Set(spelled.map((item) => item.trim().toLowerCase()))].sort().join("\u0000");
}

export function sameValue(property: string, current: unknown, wanted: PlanValue): boolean {
  return normalized(property, current) === normalized(property, wanted);
}

/** A list plus the items it must hold, keeping what an admin added: Exchange lists are sets. */
export function withItems(current: readonly string[], required: readonly string[]): string[] {
  const held = new Set(current.map((item) => item.toLowerCase()));
  const out = [...current];
  for (const item of required) {
    if (held.has(item.toLowerCase())) continue;
    held.add(item.toLowerCase());
    out.push(item);
  }
  return out;
}
