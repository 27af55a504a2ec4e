import type { ComponentType } from "react";

/**
 * Where the Migration Credential page takes the account's password. Its storage (sealed, kept only
 * until New-MigrationEndpoint has used it) is built apart; the component it provides reports the
 * reference the answers keep. Null in a build without it: the page says so rather than take a
 * password it could not keep safely.
 */
export type MigrationPasswordField = ComponentType<{
  runId: string;
  userName: string;
  /** The stored password's reference, for the answers; undefined until there is one. */
  onStored: (secretReference: string | undefined) => void;
}>;

export const MIGRATION_PASSWORD_FIELD: MigrationPasswordField | null = null;
