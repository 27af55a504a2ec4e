import { z } from "zod";
import { CLOUD_NAMES } from "../../identity/clouds";
import { ZGraphFaultSchema } from "./graph-faults";

// One tenant's directory objects as Graph v1.0 shows them (the properties this simulator keeps),
// with the key material of key credentials, which Graph stores but does not return in lists.

const ZGuid = z.guid();

export const ZKeyCredentialSchema = z.object({
  keyId: ZGuid,
  type: z.enum(["AsymmetricX509Cert", "X509CertAndPassword"]),
  usage: z.enum(["Verify", "Sign"]),
  displayName: z.string().nullable(),
  /** Base64 of the certificate's SHA-1 thumbprint, as Graph sets it for uploaded certificates. */
  customKeyIdentifier: z.string().nullable(),
  startDateTime: z.iso.datetime(),
  endDateTime: z.iso.datetime(),
  /** Base64 DER of the certificate. */
  key: z.string(),
});

export const ZRequiredResourceAccessSchema = z.object({
  resourceAppId: ZGuid,
  resourceAccess: z.array(z.object({ id: ZGuid, type: z.enum(["Role", "Scope"]) })),
});

export const ZAppRoleSchema = z.object({
  id: ZGuid,
  allowedMemberTypes: z.array(z.enum(["User", "Application"])),
  description: z.string(),
  displayName: z.string(),
  isEnabled: z.boolean(),
  origin: z.literal("Application"),
  value: z.string(),
});

export const ZApplicationSchema = z.object({
  id: ZGuid,
  appId: ZGuid,
  displayName: z.string(),
  createdDateTime: z.iso.datetime(),
  description: z.string().nullable(),
  notes: z.string().nullable(),
  publisherDomain: z.string(),
  signInAudience: z.string(),
  identifierUris: z.array(z.string()),
  tags: z.array(z.string()),
  appRoles: z.array(ZAppRoleSchema),
  keyCredentials: z.array(ZKeyCredentialSchema),
  requiredResourceAccess: z.array(ZRequiredResourceAccessSchema),
});

export const ZServicePrincipalSchema = z.object({
  id: ZGuid,
  appId: ZGuid,
  displayName: z.string(),
  appDisplayName: z.string(),
  /** The tenant that owns the application: this one, or Microsoft's for first-party services. */
  appOwnerOrganizationId: ZGuid,
  accountEnabled: z.boolean(),
  notes: z.string().nullable(),
  servicePrincipalNames: z.array(z.string()),
  servicePrincipalType: z.literal("Application"),
  signInAudience: z.string(),
  tags: z.array(z.string()),
  appRoles: z.array(ZAppRoleSchema),
  keyCredentials: z.array(ZKeyCredentialSchema),
});

export const ZAppRoleAssignmentSchema = z.object({
  id: z.string(),
  appRoleId: ZGuid,
  createdDateTime: z.iso.datetime(),
  principalDisplayName: z.string(),
  principalId: ZGuid,
  principalType: z.literal("ServicePrincipal"),
  resourceDisplayName: z.string(),
  resourceId: ZGuid,
});

export const ZGraphTenantStateSchema = z.object({
  version: z.literal(1),
  tenant: z.object({
    tenantId: ZGuid,
    cloud: z.enum(CLOUD_NAMES),
    displayName: z.string(),
    initialDomain: z.string(),
  }),
  applications: z.array(ZApplicationSchema),
  servicePrincipals: z.array(ZServicePrincipalSchema),
  appRoleAssignments: z.array(ZAppRoleAssignmentSchema),
  faults: z.array(ZGraphFaultSchema),
  /** A request budget per window; beyond it Graph answers 429. */
  rateLimit: z
    .object({ limit: z.number().int().positive(), windowSeconds: z.number().int().positive() })
    .optional(),
});

export type KeyCredential = z.infer<typeof ZKeyCredentialSchema>;
export type RequiredResourceAccess = z.infer<typeof ZRequiredResourceAccessSchema>;
export type AppRole = z.infer<typeof ZAppRoleSchema>;
export type Application = z.infer<typeof ZApplicationSchema>;
export type ServicePrincipal = z.infer<typeof ZServicePrincipalSchema>;
export type AppRoleAssignment = z.infer<typeof ZAppRoleAssignmentSchema>;
export type GraphTenantState = z.infer<typeof ZGraphTenantStateSchema>;
