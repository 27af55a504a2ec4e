import { z } from "zod";

// The Graph v1.0 objects Hybrid Wizard reads, with the properties it uses (others pass through).

/** Office 365 Exchange Online: Microsoft's application, with a service principal in every tenant. */
export const EXCHANGE_ONLINE_APP_ID = "00000002-0000-0ff1-ce00-000000000000";
/** Its `full_access_as_app` application permission (EWS as any mailbox), which hybrid free/busy uses. */
export const FULL_ACCESS_AS_APP_ROLE_ID = "dc890d15-9560-4a4c-9b7f-a736ec74ec40";

export const ZKeyCredentialSchema = z.looseObject({
  keyId: z.string(),
  type: z.string(),
  usage: z.string(),
  displayName: z.string().nullable().optional(),
  customKeyIdentifier: z.string().nullable().optional(),
  startDateTime: z.string().nullable().optional(),
  endDateTime: z.string().nullable().optional(),
  /** Base64 DER; Graph returns it only when keyCredentials of one object are selected. */
  key: z.string().nullable().optional(),
});

export const ZRequiredResourceAccessSchema = z.object({
  resourceAppId: z.string(),
  resourceAccess: z.array(z.object({ id: z.string(), type: z.enum(["Role", "Scope"]) })),
});

export const ZApplicationSchema = z.looseObject({
  id: z.string(),
  appId: z.string(),
  displayName: z.string(),
  keyCredentials: z.array(ZKeyCredentialSchema).default([]),
  requiredResourceAccess: z.array(ZRequiredResourceAccessSchema).default([]),
});

export const ZAppRoleSchema = z.looseObject({
  id: z.string(),
  value: z.string().nullable(),
  allowedMemberTypes: z.array(z.string()),
  isEnabled: z.boolean(),
});

export const ZServicePrincipalSchema = z.looseObject({
  id: z.string(),
  appId: z.string(),
  displayName: z.string(),
  appRoles: z.array(ZAppRoleSchema).default([]),
  keyCredentials: z.array(ZKeyCredentialSchema).default([]),
});

export const ZAppRoleAssignmentSchema = z.looseObject({
  id: z.string(),
  appRoleId: z.string(),
  principalId: z.string(),
  resourceId: z.string(),
  resourceDisplayName: z.string().nullable().optional(),
});

export const ZOrganizationSchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  verifiedDomains: z
    .array(z.looseObject({ name: z.string(), isInitial: z.boolean().optional() }))
    .default([]),
});

export const collectionOf = <T extends z.ZodType>(item: T) => z.object({ value: z.array(item) });

export type KeyCredential = z.infer<typeof ZKeyCredentialSchema>;
export type RequiredResourceAccess = z.infer<typeof ZRequiredResourceAccessSchema>;
export type GraphApplication = z.infer<typeof ZApplicationSchema>;
export type GraphServicePrincipal = z.infer<typeof ZServicePrincipalSchema>;
export type AppRoleAssignment = z.infer<typeof ZAppRoleAssignmentSchema>;
export type GraphOrganization = z.infer<typeof ZOrganizationSchema>;

/** A certificate as Graph takes it in keyCredentials: base64 DER, to verify tokens the app signs. */
export interface KeyCredentialInput {
  keyId?: string;
  type: "AsymmetricX509Cert";
  usage: "Verify";
  key: string;
  displayName?: string;
}
