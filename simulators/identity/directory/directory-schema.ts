import { z } from "zod";
import { CLOUD_NAMES } from "../clouds";
import { DIRECTORY_ROLES } from "./directory-roles";

// The shape of simulators/identity/directory.json, documented in docs/IDENTITY-DIRECTORY.md.

const ZGuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "must be a lower-case GUID");

/** Written by `hashSecret` (simulators/identity/directory/hash-secret.ts). */
const ZSecretHash = z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/, {
  message: "must be a hash made with: npx tsx simulators/identity/hash-secret-cli.ts '<secret>'",
});

const ZBase32Secret = z
  .string()
  .regex(/^[A-Z2-7]{16,}$/, "must be base32 (A-Z, 2-7), at least 16 characters, without padding");

const ZDomain = z
  .string()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "must be a lower-case domain name such as contoso.onmicrosoft.com");

export const ZDirectoryUser = z.strictObject({
  objectId: ZGuid,
  userPrincipalName: z.email().transform((upn) => upn.toLowerCase()),
  displayName: z.string().min(1),
  passwordHash: ZSecretHash,
  /** Present when the user is enrolled in MFA with an authenticator app. */
  totpSecret: ZBase32Secret.optional(),
  directoryRoles: z.array(z.enum(DIRECTORY_ROLES)).default([]),
});

export const ZTenant = z.strictObject({
  tenantId: ZGuid,
  displayName: z.string().min(1),
  initialDomain: ZDomain,
  cloud: z.enum(CLOUD_NAMES),
  conditionalAccess: z
    .strictObject({
      /** Tokens for Exchange Online (and Security & Compliance) need an MFA sign-in (else on-behalf-of answers AADSTS50076). */
      requireMfaForExchangeOnline: z.boolean().default(false),
      /** The same for Microsoft Graph; unset, the Exchange Online setting applies to Graph too. */
      requireMfaForMicrosoftGraph: z.boolean().optional(),
    })
    .default({ requireMfaForExchangeOnline: false }),
  users: z.array(ZDirectoryUser).default([]),
});

export const ZApplication = z.strictObject({
  displayName: z.string().min(1),
  clientId: ZGuid,
  /** Clouds where this registration exists; sovereign clouds need registrations of their own. */
  clouds: z.array(z.enum(CLOUD_NAMES)).min(1),
  clientSecretHash: ZSecretHash,
  /** http://localhost and http://127.0.0.1 URIs match with any port, as in Entra. */
  redirectUris: z.array(z.url()).min(1),
  /** Delegated scopes of the app's own API, `api://<clientId>/<scope>`. */
  exposedApiScopes: z.array(z.string().regex(/^[A-Za-z0-9._-]+$/)).default(["access_as_user"]),
});

export const ZPartnerRelationship = z.strictObject({
  displayName: z.string().min(1),
  partnerTenantId: ZGuid,
  customerTenantId: ZGuid,
  /** Roles every user of the partner tenant holds in the customer tenant (GDAP). */
  directoryRoles: z.array(z.enum(DIRECTORY_ROLES)).min(1),
  /**
   * Days from the simulator's start until the relationship ends (negative: it has expired). GDAP
   * relationships last at most two years; counted from now so the fixture never ages out.
   */
  expiresInDays: z.number().int().min(-730).max(730).default(365),
});

export const ZDirectoryFile = z
  .strictObject({
    $comment: z.string().optional(),
    tenants: z.array(ZTenant).min(1),
    applications: z.array(ZApplication).min(1),
    partnerRelationships: z.array(ZPartnerRelationship).default([]),
  })
  .superRefine((directory, ctx) => {
    const report = (message: string, path: (string | number)[]) =>
      ctx.addIssue({ code: "custom", message, path });

    const users = directory.tenants.flatMap((t) => t.users);
    const mustBeUnique: [string, string[], string][] = [
      ["tenant id", directory.tenants.map((t) => t.tenantId), "tenants"],
      ["initial domain", directory.tenants.map((t) => t.initialDomain), "tenants"],
      ["user object id", users.map((u) => u.objectId), "tenants"],
      ["user principal name", users.map((u) => u.userPrincipalName), "tenants"],
      [
        "application (cloud/client id)",
        directory.applications.flatMap((a) => a.clouds.map((cloud) => `${cloud}/${a.clientId}`)),
        "applications",
      ],
    ];
    for (const [label, values, path] of mustBeUnique) {
      for (const value of findDuplicates(values)) report(`${label} ${value} is used twice`, [path]);
    }

    const tenants = new Map(directory.tenants.map((t) => [t.tenantId, t]));
    for (const [index, relationship] of directory.partnerRelationships.entries()) {
      const partner = tenants.get(relationship.partnerTenantId);
      const customer = tenants.get(relationship.customerTenantId);
      if (!partner) report("partnerTenantId names no tenant", ["partnerRelationships", index]);
      if (!customer) report("customerTenantId names no tenant", ["partnerRelationships", index]);
      if (partner && customer && partner.cloud !== customer.cloud) {
        report("partner and customer must be in the same cloud", ["partnerRelationships", index]);
      }
      if (relationship.partnerTenantId === relationship.customerTenantId) {
        report("a tenant cannot be its own partner", ["partnerRelationships", index]);
      }
    }
  });

export type DirectoryFile = z.infer<typeof ZDirectoryFile>;
export type Tenant = z.infer<typeof ZTenant>;
export type DirectoryUser = z.infer<typeof ZDirectoryUser>;
export type Application = z.infer<typeof ZApplication>;
export type PartnerRelationship = z.infer<typeof ZPartnerRelationship>;

function findDuplicates(values: string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
