import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { TokenCacheKey } from "@/lib/env";

// AES-256-GCM for the token cache at rest. Each write draws a fresh 96-bit IV, so one key can seal
// many entries safely; the entry's partition key is the additional authenticated data, so a
// ciphertext copied onto another user's row does not decrypt there.

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedTokenCache {
  keyId: string;
  iv: Uint8Array<ArrayBuffer>;
  /** The ciphertext followed by GCM's 16-byte authentication tag. */
  ciphertext: Uint8Array<ArrayBuffer>;
}

/** The entry cannot be read: its key is not in the ring, or it fails authentication. */
export class TokenCacheCipherError extends Error {
  constructor(
    readonly reason: "unknown_key" | "not_authentic",
    message: string,
  ) {
    super(message);
    this.name = "TokenCacheCipherError";
  }
}

/** Encrypts with the ring's first (current) key. */
export function sealTokenCache(
  plaintext: string,
  partitionKey: string,
  keyRing: readonly TokenCacheKey[],
): SealedTokenCache {
  const current = keyRing[0];
  if (!current) throw new Error("The token cache key ring is empty.");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(partitionKey, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return { keyId: current.id, iv: new Uint8Array(iv), ciphertext: new Uint8Array(body) };
}

/** Decrypts with whichever key of the ring sealed the entry. */
export function openTokenCache(
  sealed: SealedTokenCache,
  partitionKey: string,
  keyRing: readonly TokenCacheKey[],
): string {
  const key = keyRing.find((candidate) => candidate.id === sealed.keyId);
  if (!key) {
    throw new TokenCacheCipherError(
      "unknown_key",
      `The token cache entry was encrypted with key "${sealed.keyId}", which is not in TOKEN_CACHE_KEYS.`,
    );
  }
  const body = Buffer.from(sealed.ciphertext);
  if (sealed.iv.length !== IV_BYTES || body.length < TAG_BYTES) {
    throw new TokenCacheCipherError("not_authentic", "The token cache entry is truncated.");
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key.key, Buffer.from(sealed.iv), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(partitionKey, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(body.subarray(0, body.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new TokenCacheCipherError(
      "not_authentic",
      `The token cache entry failed authentication with key "${key.id}": it was altered or belongs to another partition.`,
    );
  }
}
