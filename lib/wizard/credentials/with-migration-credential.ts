import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { openTokenCache, TokenCacheCipherError } from "@/lib/crypto/token-cache-cipher";
import type { Db } from "@/lib/db";
import { getTokenCacheEnv, type TokenCacheKey } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { ZMigrationCredentialPageSchema } from "@/lib/wizard/answers/answer-pages";
import { runNotFound } from "@/lib/wizard/runs/change-run-at-version";
import { storedAnswers } from "@/lib/wizard/runs/stored-answers";
import { redactSecret } from "./redact-secret";
import { migrationCredentialBinding } from "./store-migration-credential";

export interface MigrationCredential {
  userName: string;
  password: string;
}

/**
 * What the admin can do when the credential cannot be used. It is asked for only once the plan is
 * confirmed, when the run's credentials no longer change (draft-run.ts) and Retry reuses what is
 * stored: so a new run, whose Migration Credential page takes the account again and whose plan
 * holds only what this one has not done. `first` is a remedy that keeps this run going, if any.
 */
function cannotUse(why: string, first?: string): AppError {
  const newRun =
    "start a new run and enter the migration account's password on its Migration Credential page: its plan holds only what this run has not done yet.";
  return new AppError("conflict", `${why} ${first ? `${first}, or ${newRun}` : capitalize(newRun)}`);
}

const capitalize = (text: string) => `${text[0]?.toUpperCase()}${text.slice(1)}`;

/**
 * Opens the run's migration credential for `use` (New-MigrationEndpoint, through the admin API) and
 * deletes it once `use` succeeded, so it is held only until it has done its one job. When `use`
 * fails it is kept for Retry, and the error is rethrown with the password taken out of it. The
 * password is never logged or written anywhere; only `use` sees it.
 */
export async function withMigrationCredential<T>(
  options: {
    db: Db;
    acting: ActingContext;
    runId: string;
    /** The key ring; TOKEN_CACHE_KEYS when absent. */
    keyRing?: readonly TokenCacheKey[];
  },
  use: (credential: MigrationCredential) => Promise<T>,
): Promise<T> {
  const { db, acting, runId } = options;
  const run = await db.wizardRun.findFirst({
    where: { id: runId, ...tenantScope(acting) },
    select: { answers: true },
  });
  if (!run) throw runNotFound();
  const named = ZMigrationCredentialPageSchema.safeParse(storedAnswers(run.answers).migrationCredential).data;
  if (!named) throw cannotUse("This run's answers name no migration credential.");
  const row = await db.migrationCredential.findFirst({ where: { runId, ...tenantScope(acting) } });
  if (!row || row.id !== named.secretReference) {
    throw cannotUse(
      row
        ? `The migration credential stored for this run is not the one the answers name (${named.userName}).`
        : "No migration credential is stored for this run: it was used already, or never entered.",
    );
  }
  let password: string;
  try {
    password = openTokenCache(
      { keyId: row.keyId, iv: row.iv, ciphertext: row.ciphertext },
      migrationCredentialBinding(row),
      options.keyRing ?? getTokenCacheEnv().TOKEN_CACHE_KEYS,
    );
  } catch (error) {
    if (!(error instanceof TokenCacheCipherError)) throw error;
    throw error.reason === "unknown_key"
      ? cannotUse(
          `The stored migration credential was encrypted with key "${row.keyId}", which is no longer in TOKEN_CACHE_KEYS.`,
          "Put that key back in TOKEN_CACHE_KEYS (as an older key) and Retry",
        )
      : cannotUse("The stored migration credential failed authentication (it was altered).");
  }
  let result: T;
  try {
    result = await use({ userName: row.userName, password });
  } catch (error) {
    throw redactSecret(error, password);
  }
  await db.$transaction(async (tx) => {
    await tx.migrationCredential.deleteMany({ where: { id: row.id, ...tenantScope(acting) } });
    await recordAuditEvent(tx, {
      acting,
      action: "wizard_run.migration_credential_used",
      targetType: "WizardRun",
      targetId: runId,
      details: { userName: row.userName, secretReference: row.id },
    });
  });
  return result;
}
