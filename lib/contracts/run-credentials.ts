import { z } from "zod";
import { ZSealedSecretSchema } from "@/lib/agents/sealed-secret-format";
import { ZOnPremisesUserNameSchema } from "@/lib/wizard/answers/answer-pages";

// A wizard run's credentials (app/api/wizard/runs/[runId]/{on-premises-account,migration-credential}):
// stored apart from the answers, which keep only the user name and the `secretReference` answered here.
// Route params: ZWizardRunParamsSchema (lib/contracts/wizard-runs.ts).

/**
 * PUT …/on-premises-account: an account other than the agent's own, its password sealed in the
 * browser for `agentId`'s public key (lib/agents/seal-for-agent.ts). The service never sees the password.
 */
export const ZStoreOnPremisesAccountRequestSchema = z.strictObject({
  agentId: z.uuid("the agent the password was sealed for: choose one of the tenant's agents"),
  userName: ZOnPremisesUserNameSchema,
  sealed: ZSealedSecretSchema,
});
export type StoreOnPremisesAccountRequest = z.infer<typeof ZStoreOnPremisesAccountRequestSchema>;

/** PUT …/on-premises-account (200): what the Credentials page saves in its answers and shows. */
export const ZStoredOnPremisesAccountSchema = z.object({
  secretReference: z.uuid(),
  userName: z.string(),
  agentId: z.uuid(),
  agentName: z.string(),
  storedAt: z.iso.datetime({ offset: true }),
});
export type StoredOnPremisesAccount = z.infer<typeof ZStoredOnPremisesAccountSchema>;

/**
 * PUT …/migration-credential: the account Exchange Online's migration endpoint signs in with. It
 * goes to Exchange Online through the service, so it comes in the clear (over TLS) and is kept
 * encrypted only until New-MigrationEndpoint has used it.
 */
export const ZStoreMigrationCredentialRequestSchema = z.strictObject({
  userName: ZOnPremisesUserNameSchema,
  password: z.string().min(1, "the account's password").max(256, "at most 256 characters"),
});
export type StoreMigrationCredentialRequest = z.infer<typeof ZStoreMigrationCredentialRequestSchema>;

/** PUT …/migration-credential (200): what the Migration Credential page saves in its answers. */
export const ZStoredMigrationCredentialSchema = z.object({
  secretReference: z.uuid(),
  userName: z.string(),
  storedAt: z.iso.datetime({ offset: true }),
});
export type StoredMigrationCredential = z.infer<typeof ZStoredMigrationCredentialSchema>;
