import type { PlanOperation, PlanValue } from "./plan-types";

// An operation as a line an admin can paste into the Exchange Management Shell: strings in single
// quotes (a quote doubled), switches and booleans as -Name:$true, lists comma-separated, null as
// $null. Credentials are by reference, so they print as a variable to fill, never a secret.

function literal(value: PlanValue): string {
  if (value === null) return "$null";
  if (typeof value === "boolean") return value ? "$true" : "$false";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (Array.isArray(value)) return value.length === 0 ? "$null" : value.map(literal).join(",");
  return `@{${Object.entries(value)
    .map(([key, item]) => `${key}=${literal(item)}`)
    .join("; ")}}`;
}

export function operationAsPowerShell(
  operation: Pick<PlanOperation, "cmdlet" | "parameters" | "credentials">,
): string {
  const parameters = Object.entries(operation.parameters).map(([name, value]) =>
    typeof value === "boolean" ? `-${name}:${literal(value)}` : `-${name} ${literal(value)}`,
  );
  const credentials = Object.keys(operation.credentials ?? {}).map((name) => `-${name} $${name}`);
  return [operation.cmdlet, ...parameters, ...credentials].join(" ");
}
