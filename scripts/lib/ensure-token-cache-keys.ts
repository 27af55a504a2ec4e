import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * TOKEN_CACHE_KEYS for this data folder (`keyId:base64 of 32 random bytes`): made on the first
 * start and kept, readable by this user only, so the tokens cached in the database stay readable
 * after a restart.
 */
export async function ensureTokenCacheKeys(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "token-cache-keys");
  const existing = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (existing?.trim()) return existing.trim();
  const keys = `local1:${randomBytes(32).toString("base64")}`;
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${keys}\n`, { mode: 0o600 });
  return keys;
}
