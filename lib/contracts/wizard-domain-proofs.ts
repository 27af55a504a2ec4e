import { z } from "zod";
import { ZDomainProofSchema } from "./wizard-gather";

// The Domain Ownership page's calls (app/api/wizard/runs/[runId]/domain-proofs/**).

/** POST …/domain-proofs: read each hybrid domain's TXT proof; `createTrust` makes the federation trust first, as the HCW does. */
export const ZReadDomainProofsRequestSchema = z.object({ createTrust: z.boolean().default(false) });
export const ZDomainProofsResponseSchema = z.object({ proofs: z.array(ZDomainProofSchema) });
export type DomainProofsResponse = z.infer<typeof ZDomainProofsResponseSchema>;

/** POST …/domain-proofs/verify: a DNS TXT lookup of the domain through the configured resolvers. */
export const ZVerifyDomainProofRequestSchema = z.object({
  domain: z.string().trim().toLowerCase().min(1, "the domain whose proof to verify").max(253),
});
export const ZDomainProofCheckSchema = z.object({
  domain: z.string(),
  verified: z.boolean(),
  published: z.array(z.string()),
  message: z.string(),
});
export type DomainProofCheck = z.infer<typeof ZDomainProofCheckSchema>;
