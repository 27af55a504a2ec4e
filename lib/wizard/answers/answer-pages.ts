import { z } from "zod";
import { ZCloudSchema } from "@/lib/exchange/cloud-hosts";

// One schema per wizard page, in the HCW's order. Each says in its messages what an Exchange admin
// should enter; the checks that need the gathered state (is the certificate valid, is the domain
// verified) are cross-check-answers.ts's.

const DNS_NAME = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const ZDomainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(DNS_NAME, "a DNS domain name such as contoso.com");

/** NetBIOS name (EX1) or FQDN (ex1.corp.contoso.com) of an Exchange server, as Get-ExchangeServer lists it. */
const ZServerNameSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9-]+)*$/,
    "an Exchange server name such as EX1",
  );

const ZServerListSchema = z
  .array(ZServerNameSchema)
  .min(1, "choose at least one server")
  .refine((servers) => new Set(servers.map((s) => s.toLowerCase())).size === servers.length, {
    message: "each server once",
  });

export const ZEnvironmentPageSchema = z.strictObject({
  /** The Office 365 environment the tenant lives in. */
  cloud: ZCloudSchema,
  /** The Exchange server the wizard talks to; null lets it pick the newest Mailbox server, as the HCW's detection does. */
  onPremisesServer: ZServerNameSchema.nullable().default(null),
});

/** A Windows account as the admin types it: DOMAIN\\user or user@domain. */
export const ZOnPremisesUserNameSchema = z
  .string()
  .trim()
  .max(256)
  .regex(
    /^([^\\/@\s]+\\[^\\/@\s]+|[^\\/@\s]+@[^\\/@\s]+\.[^\\/@\s]+)$/,
    "a Windows account, such as CONTOSO\\admin-hybrid or admin-hybrid@contoso.com",
  );

/** Where a password entered on the page is kept: the id the service answered when it stored it. */
const ZSecretReferenceSchema = z
  .string()
  .trim()
  .min(1, "the reference of the stored password: enter the password again")
  .max(200);

export const ZCredentialsPageSchema = z.strictObject({
  /** The paired agent (its name) that runs the on-premises cmdlets. */
  onPremisesAgent: z
    .string()
    .trim()
    .min(1, "name the paired agent that reaches your Exchange servers")
    .max(100),
  /** The admin who signed in for Exchange Online; the plan runs with their delegated token. */
  exchangeOnlineAdmin: z.email(
    "the Exchange Online admin's sign-in name, such as admin@contoso.onmicrosoft.com",
  ),
  /**
   * An on-premises account other than the agent's own, when the admin entered one: the run's
   * on-premises cmdlets run as it, on the one agent its password was sealed for (PUT
   * /api/wizard/runs/<id>/on-premises-account). Null: the agent's own account.
   */
  onPremisesAccount: z
    .strictObject({ userName: ZOnPremisesUserNameSchema, secretReference: ZSecretReferenceSchema })
    .nullable()
    .default(null),
});

export const ZFeaturesPageSchema = z.strictObject({
  /** Full: free/busy, secure mail flow, OAuth. Minimal: only what mailbox moves need. */
  hybrid: z.enum(["full", "minimal"], { error: "full or minimal" }),
  organizationConfigurationTransfer: z.boolean().default(false),
  /** Create the Exchange Online migration endpoint for remote moves. */
  migrationEndpoint: z.boolean().default(true),
  /**
   * The dedicated Exchange hybrid application (full hybrid with OAuth): the app, its consent and
   * certificates in Entra ID, and the on-premises switch to it. Exchange Online has refused the shared
   * principal for on-premises EWS calls since 31 October 2025, so it is on unless declined.
   */
  dedicatedHybridApplication: z.boolean().default(true),
  /** Add the dedicated app's id to Exchange Online's EwsAllowedAppIDs (the plan keeps every id already there). */
  allowHybridApplicationInEws: z.boolean().default(false),
  /** Remove the on-premises Auth certificate from the shared Office 365 Exchange Online principal, as Microsoft's script can. */
  removeSharedPrincipalCertificate: z.boolean().default(false),
});

export const ZTopologyPageSchema = z.strictObject({
  topology: z.literal("Classic", {
    error: "Classic is the only topology offered: Modern hybrid (the Hybrid Agent) is not supported here",
  }),
});

export const ZMigrationCredentialPageSchema = z.strictObject({
  /** The on-premises account Exchange Online's migration endpoint signs in with, e.g. CONTOSO\svc-migration. */
  userName: ZOnPremisesUserNameSchema,
  /**
   * Where its password is kept, encrypted, until New-MigrationEndpoint has used it (PUT
   * /api/wizard/runs/<id>/migration-credential answers it); the password never appears in answers.
   */
  secretReference: ZSecretReferenceSchema,
});

export const ZDomainsPageSchema = z.strictObject({
  hybridDomains: z
    .array(ZDomainNameSchema)
    .min(1, "choose at least one domain to share with Exchange Online")
    .refine((domains) => new Set(domains).size === domains.length, { message: "each domain once" }),
  /** The domain whose Autodiscover Exchange Online uses to reach on-premises (free/busy, moves). */
  autodiscoverDomain: ZDomainNameSchema,
});

export const ZDomainOwnershipPageSchema = z.strictObject({
  /** Domains whose federation TXT proof the admin has published in public DNS. */
  confirmedDomains: z.array(ZDomainNameSchema).default([]),
});

export const ZTransportPageSchema = z.strictObject({
  /** Mail between Exchange Online and on-premises goes through Edge Transport servers. */
  edgeTransport: z.boolean().default(false),
  /** All Exchange Online mail to the internet goes through on-premises first. */
  centralizedMailTransport: z.boolean().default(false),
});

export const ZConnectorServersPageSchema = z.strictObject({ servers: ZServerListSchema });

export const ZCertificatePageSchema = z.strictObject({
  thumbprint: z
    .string()
    .trim()
    .regex(
      /^[0-9A-Fa-f]{40}$/,
      "the certificate's thumbprint: 40 hexadecimal digits, as Get-ExchangeCertificate shows it",
    )
    .transform((thumbprint) => thumbprint.toUpperCase()),
});

export const ZOrganizationFqdnPageSchema = z.strictObject({
  /** The name Exchange Online sends mail to (its smart host), e.g. mail.contoso.com. */
  fqdn: ZDomainNameSchema,
});
