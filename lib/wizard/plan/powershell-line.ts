import { type PlanOperation, type PlanValue, ZOperationOutputSchema } from "./plan-types";

// An operation as the PowerShell line an admin would type in the Exchange Management Shell (or
// Exchange Online PowerShell): what the Review plan page shows and copies. The agent never runs
// this text (it splats the parameters as data); it is for people to read and reproduce. A value an
// earlier operation gives (the new application's appId) is its variable, `$appId`; a key credential
// named by its certificate reads that certificate's public part on-premises.

/** A PowerShell single-quoted string: only ' needs escaping, by doubling it. */
function quoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function literal(value: PlanValue): string {
  if (value === null) return "$null";
  if (typeof value === "boolean") return value ? "$true" : "$false";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return quoted(value);
  if (Array.isArray(value)) return value.length === 0 ? "@()" : value.map(literal).join(",");
  const output = ZOperationOutputSchema.safeParse(value);
  if (output.success) return `$${output.data.output}`;
  const { certificateThumbprint, ...rest } = value;
  if (typeof certificateThumbprint === "string") {
    const key = `key=[Convert]::ToBase64String((Get-ExchangeCertificate -Thumbprint ${quoted(certificateThumbprint)}).RawData)`;
    return `@{${[...Object.entries(rest).map(([name, item]) => `${name}=${literal(item)}`), key].join("; ")}}`;
  }
  const entries = Object.entries(value).map(([key, item]) => `${key}=${literal(item)}`);
  return `@{${entries.join("; ")}}`;
}

function parameter(name: string, value: PlanValue): string {
  // Switches take their value after a colon, as the HCW's log writes them (-Enabled:$true).
  return typeof value === "boolean" ? `-${name}:${literal(value)}` : `-${name} ${literal(value)}`;
}

/** `New-SendConnector -Name 'Outbound to Office 365 - …' -RequireTLS:$true …`; credentials as a prompt. */
export function powerShellLine(
  operation: Pick<PlanOperation, "cmdlet" | "parameters" | "credentials">,
): string {
  const parts = [operation.cmdlet, ...Object.entries(operation.parameters).map(([n, v]) => parameter(n, v))];
  for (const [name, reference] of Object.entries(operation.credentials ?? {})) {
    parts.push(`-${name} (Get-Credential ${quoted(reference.userName)})`);
  }
  return parts.join(" ");
}
