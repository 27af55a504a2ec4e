import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  openTokenCache,
  type SealedTokenCache,
  sealTokenCache,
  TokenCacheCipherError,
} from "@/lib/crypto/token-cache-cipher";
import { EnvError, getTokenCacheEnv, type TokenCacheKey } from "@/lib/env";

const k1: TokenCacheKey = { id: "k1", key: randomBytes(32) };
const k2: TokenCacheKey = { id: "k2", key: randomBytes(32) };
const PARTITION = "tenant-row:user-row";
const CACHE = JSON.stringify({ AccessToken: { key: { secret: "eyJ0eXAiOiJKV1Qi.access.token" } } });

function refusal(run: () => unknown): TokenCacheCipherError {
  try {
    run();
  } catch (error) {
    if (error instanceof TokenCacheCipherError) return error;
    throw error;
  }
  throw new Error("expected the entry to be refused");
}

function flipFirstBit(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes);
  copy[0]! ^= 1;
  return copy;
}

describe("token cache cipher", () => {
  it("round-trips with the current key, a fresh IV each time, and no plaintext in the ciphertext", () => {
    const first = sealTokenCache(CACHE, PARTITION, [k1]);
    const second = sealTokenCache(CACHE, PARTITION, [k1]);
    expect(first.keyId).toBe("k1");
    expect(first.iv).toHaveLength(12);
    expect(Buffer.from(first.iv).equals(Buffer.from(second.iv))).toBe(false);
    expect(Buffer.from(first.ciphertext).includes("secret")).toBe(false);
    expect(openTokenCache(first, PARTITION, [k1])).toBe(CACHE);
    expect(openTokenCache(second, PARTITION, [k1])).toBe(CACHE);
  });

  it("refuses a changed ciphertext, tag or IV", () => {
    const sealed = sealTokenCache(CACHE, PARTITION, [k1]);
    const tampered: SealedTokenCache[] = [
      { ...sealed, ciphertext: flipFirstBit(sealed.ciphertext) },
      { ...sealed, ciphertext: sealed.ciphertext.slice(0, -1) },
      { ...sealed, iv: flipFirstBit(sealed.iv) },
    ];
    for (const entry of tampered) {
      expect(refusal(() => openTokenCache(entry, PARTITION, [k1])).reason).toBe("not_authentic");
    }
  });

  it("refuses an entry moved to another partition (the AAD)", () => {
    const sealed = sealTokenCache(CACHE, PARTITION, [k1]);
    const error = refusal(() => openTokenCache(sealed, "tenant-row:another-user", [k1]));
    expect(error.reason).toBe("not_authentic");
    expect(error.message).toMatch(/altered or belongs to another partition/);
  });

  it("reads entries of an older key after rotation and seals new ones with the new key", () => {
    const old = sealTokenCache(CACHE, PARTITION, [k1]);
    const rotated = [k2, k1];
    expect(openTokenCache(old, PARTITION, rotated)).toBe(CACHE);
    const rewritten = sealTokenCache(openTokenCache(old, PARTITION, rotated), PARTITION, rotated);
    expect(rewritten.keyId).toBe("k2");
    expect(openTokenCache(rewritten, PARTITION, [k2])).toBe(CACHE);
  });

  it("says which key is missing when an entry's key left the ring", () => {
    const old = sealTokenCache(CACHE, PARTITION, [k1]);
    const error = refusal(() => openTokenCache(old, PARTITION, [k2]));
    expect(error.reason).toBe("unknown_key");
    expect(error.message).toBe(
      'The token cache entry was encrypted with key "k1", which is not in TOKEN_CACHE_KEYS.',
    );
  });
});

describe("TOKEN_CACHE_KEYS", () => {
  afterEach(() => vi.unstubAllEnvs());

  const base64 = (key: TokenCacheKey) => key.key.toString("base64");
  const messageFor = (value: string | undefined) => {
    vi.stubEnv("TOKEN_CACHE_KEYS", value);
    try {
      getTokenCacheEnv();
      return "";
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      return (error as Error).message;
    }
  };

  it("parses a ring whose first key is current", () => {
    vi.stubEnv("TOKEN_CACHE_KEYS", `k2:${base64(k2)}, k1:${base64(k1)}`);
    expect(getTokenCacheEnv().TOKEN_CACHE_KEYS).toEqual([k2, k1]);
  });

  it("says what is wrong without repeating key material", () => {
    expect(messageFor(undefined)).toContain(
      "TOKEN_CACHE_KEYS: TOKEN_CACHE_KEYS is not set: the service needs a key to encrypt its token cache and sign the agents' job leases, e.g. TOKEN_CACHE_KEYS=k1:$(openssl rand -base64 32)",
    );
    expect(messageFor(base64(k1))).toContain("entry 1 must be keyId:base64-key");
    const short = randomBytes(16).toString("base64");
    const message = messageFor(`k1:${base64(k1)},k2:${short}`);
    expect(message).toContain(
      'TOKEN_CACHE_KEYS: key "k2" must be 32 bytes in base64 (44 characters, as openssl rand -base64 32 prints)',
    );
    expect(message).not.toContain(short);
    expect(message).not.toContain(base64(k1));
    expect(messageFor(`k1:${base64(k1)},k1:${base64(k2)}`)).toContain('key id "k1" appears more than once');
    expect(messageFor(`bad id:${base64(k1)}`)).toContain("entry 1 must be keyId:base64-key");
  });
});
