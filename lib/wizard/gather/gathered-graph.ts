import { z } from "zod";

// The Microsoft Graph side of the dedicated Exchange hybrid application, as gathered: the app
// `ExchangeServerApp-<on-premises OrganizationGuid>` if it exists, its service principal, the
// application permissions granted to it, and the Office 365 Exchange Online principal (the shared
// first-party one, whose key credentials a classic hybrid gave the on-premises Auth certificate).

/** The HCW's (and Microsoft's script's) name for the app: one per on-premises organization. */
export function hybridApplicationName(onPremisesGuid: string): string {
  return `ExchangeServerApp-${onPremisesGuid}`;
}

export const ZGatheredKeyCredentialSchema = z.object({
  keyId: z.string(),
  /** Graph's default: the certificate's SHA-1 thumbprint, base64. */
  customKeyIdentifier: z.string().nullable(),
  displayName: z.string().nullable(),
  endDateTime: z.string().nullable(),
});

export const ZGatheredGraphSchema = z.object({
  application: z
    .object({
      id: z.string(),
      appId: z.string(),
      displayName: z.string(),
      keyCredentials: z.array(ZGatheredKeyCredentialSchema),
      /** resourceAppId → the ids of the roles the app asks for there. */
      requiredRoles: z.record(z.string(), z.array(z.string())),
    })
    .nullable(),
  servicePrincipal: z.object({ id: z.string(), appId: z.string() }).nullable(),
  /** What was granted to the app's service principal (admin consent). */
  assignments: z.array(z.object({ id: z.string(), appRoleId: z.string(), resourceId: z.string() })),
  exchangeOnline: z.object({ id: z.string(), keyCredentials: z.array(ZGatheredKeyCredentialSchema) }),
});

export type GatheredGraph = z.infer<typeof ZGatheredGraphSchema>;
export type GatheredKeyCredential = z.infer<typeof ZGatheredKeyCredentialSchema>;

/** A certificate thumbprint as Exchange prints it (hex), from Graph's customKeyIdentifier (base64). */
export function thumbprintOf(credential: GatheredKeyCredential): string | undefined {
  if (!credential.customKeyIdentifier) return undefined;
  const bytes = Buffer.from(credential.customKeyIdentifier, "base64");
  return bytes.length === 20 ? bytes.toString("hex").toUpperCase() : undefined;
}
