import { z } from "zod";
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
} from "./answer-pages";

// All answers of a run: one key per wizard page (docs/ANSWERS.md). What the browser saves page by
// page and what `npm run plan -- --answers FILE` reads.

export const ZAnswersSchema = z.strictObject({
  environment: ZEnvironmentPageSchema,
  credentials: ZCredentialsPageSchema,
  features: ZFeaturesPageSchema,
  topology: ZTopologyPageSchema.default({ topology: "Classic" }),
  /** Only with the migration endpoint on. */
  migrationCredential: ZMigrationCredentialPageSchema.nullable().default(null),
  domains: ZDomainsPageSchema,
  domainOwnership: ZDomainOwnershipPageSchema.default({ confirmedDomains: [] }),
  transport: ZTransportPageSchema.default({ edgeTransport: false, centralizedMailTransport: false }),
  receiveConnectors: ZConnectorServersPageSchema,
  sendConnectors: ZConnectorServersPageSchema,
  certificate: ZCertificatePageSchema,
  organizationFqdn: ZOrganizationFqdnPageSchema,
});

export type Answers = z.infer<typeof ZAnswersSchema>;
export type AnswersInput = z.input<typeof ZAnswersSchema>;

/** One field's problem: where (`certificate.thumbprint`) and what to do. */
export interface AnswerViolation {
  path: string;
  message: string;
}

export type ParsedAnswers = { ok: true; answers: Answers } | { ok: false; violations: AnswerViolation[] };

/** Each field's problem in a failed parse, its path under `within` (a page's key, or none for the whole document). */
export function answerViolations(error: z.ZodError, within?: string): AnswerViolation[] {
  return error.issues.map((issue) => ({
    path: [within, ...issue.path.map(String)].filter(Boolean).join(".") || "(the answers)",
    message: issue.message,
  }));
}

/** Parses an answers document, giving each field's message rather than the first. */
export function parseAnswers(input: unknown): ParsedAnswers {
  const parsed = ZAnswersSchema.safeParse(input);
  if (parsed.success) return { ok: true, answers: parsed.data };
  return { ok: false, violations: answerViolations(parsed.error) };
}
