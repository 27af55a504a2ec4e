import type { z } from "zod";
import {
  ZCertificatePageSchema,
  ZConnectorServersPageSchema,
  ZCredentialsPageSchema,
  ZDomainOwnershipPageSchema,
  ZDomainsPageSchema,
  ZEnvironmentPageSchema,
  ZFeaturesPageSchema,
  ZMigrationCredentialPageSchema,
  ZOrganizationFqdnPageSchema,
  ZTopologyPageSchema,
  ZTransportPageSchema,
} from "@/lib/wizard/answers/answer-pages";
import type { AnswerPageId } from "@/lib/wizard/wizard-pages";

/** Each page's answers schema (lib/wizard/answers), by page: what a save is checked against. */
export const PAGE_ANSWER_SCHEMAS = {
  environment: ZEnvironmentPageSchema,
  credentials: ZCredentialsPageSchema,
  features: ZFeaturesPageSchema,
  topology: ZTopologyPageSchema,
  "migration-credential": ZMigrationCredentialPageSchema,
  domains: ZDomainsPageSchema,
  "domain-ownership": ZDomainOwnershipPageSchema,
  transport: ZTransportPageSchema,
  "receive-connectors": ZConnectorServersPageSchema,
  "send-connectors": ZConnectorServersPageSchema,
  certificate: ZCertificatePageSchema,
  "organization-fqdn": ZOrganizationFqdnPageSchema,
} satisfies Record<AnswerPageId, z.ZodType>;
