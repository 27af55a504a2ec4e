import { AppError } from "@/lib/errors";
import type { KeyCredential, KeyCredentialInput } from "@/lib/graph/graph-objects";
import type { OperationTransport } from "./operation-transports";

// The plan names key credentials by certificate (`{ certificateThumbprint }`) and keeps the ones an
// object has (`{ keep: keyId }`); Graph takes the whole collection, each with its certificate. The
// on-premises Auth certificate's public part (Get-ExchangeCertificate's RawData, never the private
// key) comes through the agent; a kept one is re-sent as Graph holds it.

function base64Of(rawData: unknown): string | undefined {
  if (typeof rawData === "string" && rawData.length > 0) return rawData;
  // The PowerShell executor's JSON spells a byte[] as an array of numbers.
  if (Array.isArray(rawData) && rawData.every((byte) => typeof byte === "number"))
    return Buffer.from(rawData).toString("base64");
  return undefined;
}

export async function certificateFromOnPremises(
  onPremises: OperationTransport,
  thumbprint: string,
): Promise<string> {
  const [certificate] = await onPremises.read("Get-ExchangeCertificate", { Thumbprint: thumbprint });
  const key = base64Of((certificate as Record<string, unknown> | undefined)?.RawData);
  if (!key) {
    throw new AppError(
      "not_found",
      certificate
        ? `Exchange did not return the public part (RawData) of the Auth certificate ${thumbprint}.`
        : `Exchange has no certificate ${thumbprint}, which Get-AuthConfig names: check the Auth certificate (Get-AuthConfig, Get-ExchangeCertificate), then plan again.`,
    );
  }
  return key;
}

export async function keyCredentialsOf(options: {
  references: readonly unknown[];
  /** The object's credentials with their certificates (read with keys), for the ones kept. */
  held: () => Promise<readonly KeyCredential[]>;
  onPremises: () => Promise<OperationTransport>;
}): Promise<KeyCredentialInput[]> {
  const out: KeyCredentialInput[] = [];
  for (const reference of options.references) {
    const entry = (reference ?? {}) as Record<string, unknown>;
    if (typeof entry.certificateThumbprint === "string") {
      out.push({
        type: "AsymmetricX509Cert",
        usage: "Verify",
        key: await certificateFromOnPremises(await options.onPremises(), entry.certificateThumbprint),
      });
      continue;
    }
    if (typeof entry.keep === "string") {
      const kept = (await options.held()).find((key) => key.keyId === entry.keep);
      if (!kept?.key) {
        throw new AppError("not_found", `The key credential ${entry.keep} to keep is no longer there.`);
      }
      out.push({
        keyId: kept.keyId,
        type: "AsymmetricX509Cert",
        usage: "Verify",
        key: kept.key,
        ...(kept.displayName ? { displayName: kept.displayName } : {}),
      });
      continue;
    }
    throw new AppError(
      "graph_error",
      `A key credential of the plan is neither a certificate nor one to keep.`,
    );
  }
  return out;
}
