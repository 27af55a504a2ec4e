import { createHmac, randomBytes } from "node:crypto";
import { openTokenCache, sealTokenCache } from "@/lib/crypto/token-cache-cipher";
import { getTokenCacheEnv } from "@/lib/env";

// A partner's webhook signing key: made by the service, shown to the partner once, kept
// AES-256-GCM under TOKEN_CACHE_KEYS (the service must sign with it, so a hash would not do),
// bound to the partner so a ciphertext copied onto another partner's row does not open.

const boundTo = (partnerId: string) => `health-webhook:${partnerId}`;

export function newWebhookSecret(partnerId: string) {
  const secret = randomBytes(32).toString("base64url");
  const sealed = sealTokenCache(secret, boundTo(partnerId), getTokenCacheEnv().TOKEN_CACHE_KEYS);
  return {
    secret,
    columns: {
      webhookSecretKeyId: sealed.keyId,
      webhookSecretIv: sealed.iv,
      webhookSecretCiphertext: sealed.ciphertext,
    },
  };
}

export function openWebhookSecret(
  partnerId: string,
  columns: { webhookSecretKeyId: string; webhookSecretIv: Uint8Array; webhookSecretCiphertext: Uint8Array },
): string {
  return openTokenCache(
    {
      keyId: columns.webhookSecretKeyId,
      iv: new Uint8Array(columns.webhookSecretIv),
      ciphertext: new Uint8Array(columns.webhookSecretCiphertext),
    },
    boundTo(partnerId),
    getTokenCacheEnv().TOKEN_CACHE_KEYS,
  );
}

/** The header's value: `sha256=<hex HMAC-SHA256 of the exact body bytes>`, as GitHub's webhooks sign. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export const WEBHOOK_SIGNATURE_HEADER = "x-hybrid-wizard-signature";
