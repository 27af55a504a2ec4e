import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type {
  StoredMigrationCredential,
  StoreMigrationCredentialRequest,
} from "@/lib/contracts/run-credentials";
import { sealTokenCache } from "@/lib/crypto/token-cache-cipher";
import type { Db } from "@/lib/db";
import { getTokenCacheEnv, type TokenCacheKey } from "@/lib/env";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { assertDraftRun, enteredBy } from "./draft-run";

/**
 * The additional data the password is encrypted with: its row and run, so a ciphertext copied onto
 * another row or run does not decrypt there.
 */
export function migrationCredentialBinding(row: { id: string; runId: string }): string {
  return `migration-credential:${row.runId}:${row.id}`;
}

/**
 * Keeps the migration endpoint's account for a run until New-MigrationEndpoint uses it
 * (withMigrationCredential): the password AES-256-GCM under the token cache's key ring, never in
 * the answers, a log, an audit row or an error. Entering it again replaces it, with a new reference.
 */
export async function storeMigrationCredential(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  request: StoreMigrationCredentialRequest;
  /** The key ring; TOKEN_CACHE_KEYS when absent. */
  keyRing?: readonly TokenCacheKey[];
}): Promise<StoredMigrationCredential> {
  const { acting, runId, request } = options;
  return options.db.$transaction(async (tx) => {
    await assertDraftRun(tx, acting, runId);
    const keyRing = options.keyRing ?? getTokenCacheEnv().TOKEN_CACHE_KEYS;
    const id = randomUUID();
    const sealed = sealTokenCache(request.password, migrationCredentialBinding({ id, runId }), keyRing);
    await tx.migrationCredential.deleteMany({ where: { runId, ...tenantScope(acting) } });
    const row = await tx.migrationCredential.create({
      data: {
        id,
        ...tenantScope(acting),
        runId,
        userName: request.userName,
        keyId: sealed.keyId,
        iv: sealed.iv,
        ciphertext: sealed.ciphertext,
        createdById: enteredBy(acting),
      },
    });
    await recordAuditEvent(tx, {
      acting,
      action: "wizard_run.migration_credential_stored",
      targetType: "WizardRun",
      targetId: runId,
      details: { userName: row.userName, secretReference: row.id },
    });
    return { secretReference: row.id, userName: row.userName, storedAt: row.createdAt.toISOString() };
  });
}
