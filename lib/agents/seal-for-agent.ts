/**
 * Seals a secret for one agent: the browser does it with the agent's public key before the secret
 * leaves the page, so the service stores and forwards only ciphertext that only the agent's private
 * key (which never leaves its host) opens (sealed-secret.ts). Hybrid encryption — a fresh
 * AES-256-GCM key per secret, wrapped with RSA-OAEP-256 — because RSA alone cannot carry arbitrary
 * lengths. WebCrypto and the format's constants only: no zod, no Node, so the page stays small.
 */
import { SEALED_SECRET_ALG, type SealedSecret, type SecretValue } from "./sealed-secret-format";

export const AGENT_KEY_ALGORITHM = { name: "RSA-OAEP", hash: "SHA-256" } as const;
export const CONTENT_ALGORITHM = "AES-GCM";
// Binding the algorithm name as associated data means a secret cannot be replayed under another scheme.
export const SEALED_SECRET_ASSOCIATED_DATA = new TextEncoder().encode(SEALED_SECRET_ALG);

/** The public members of an agent's RSA key, as Agent.publicKeyJwk holds them. */
export type AgentPublicKey = { kty: "RSA"; n: string; e: string };

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function sealForAgent(publicJwk: AgentPublicKey, plaintext: string): Promise<SealedSecret> {
  const { subtle } = globalThis.crypto;
  const wrappingKey = await subtle.importKey(
    "jwk",
    { kty: publicJwk.kty, n: publicJwk.n, e: publicJwk.e },
    AGENT_KEY_ALGORITHM,
    false,
    ["wrapKey"],
  );
  const contentKey = await subtle.generateKey({ name: CONTENT_ALGORITHM, length: 256 }, true, ["encrypt"]);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await subtle.encrypt(
    { name: CONTENT_ALGORITHM, iv, additionalData: SEALED_SECRET_ASSOCIATED_DATA },
    contentKey,
    new TextEncoder().encode(plaintext),
  );
  const encryptedKey = await subtle.wrapKey("raw", contentKey, wrappingKey, AGENT_KEY_ALGORITHM);
  return {
    alg: SEALED_SECRET_ALG,
    encryptedKey: base64url(new Uint8Array(encryptedKey)),
    iv: base64url(iv),
    ciphertext: base64url(new Uint8Array(ciphertext)),
  };
}

/** Seals a typed secret (a string, or a user name and password) as the agent expects to find it. */
export function sealSecretValueForAgent(
  publicJwk: AgentPublicKey,
  value: SecretValue,
): Promise<SealedSecret> {
  return sealForAgent(publicJwk, JSON.stringify(value));
}
