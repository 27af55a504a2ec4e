/**
 * Secrets for one agent only: the browser seals with the agent's public key, only the agent's
 * private key (which never leaves its host) opens. Hybrid encryption — a fresh AES-256-GCM key
 * per secret, wrapped with RSA-OAEP-256 — because RSA alone cannot carry arbitrary lengths.
 * WebCrypto only, so the same file runs in the browser and in Node.
 */
import { base64url } from "jose";
import {
  type AgentPublicJwk,
  SEALED_SECRET_ALG,
  type SealedSecret,
  type SecretValue,
  ZSealedSecretSchema,
  ZSecretValueSchema,
} from "./protocol";

export const AGENT_KEY_ALGORITHM = { name: "RSA-OAEP", hash: "SHA-256" } as const;
const CONTENT_ALGORITHM = "AES-GCM";
// Binding the algorithm name as associated data means a secret cannot be replayed under another scheme.
const ASSOCIATED_DATA = new TextEncoder().encode(SEALED_SECRET_ALG);

/** A copy backed by a plain ArrayBuffer, the only kind WebCrypto's types accept. */
function decodeBase64url(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(base64url.decode(text));
}

export class SealedSecretError extends Error {
  override name = "SealedSecretError";
}

export async function sealForAgent(publicJwk: AgentPublicJwk, plaintext: string): Promise<SealedSecret> {
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
    { name: CONTENT_ALGORITHM, iv, additionalData: ASSOCIATED_DATA },
    contentKey,
    new TextEncoder().encode(plaintext),
  );
  const encryptedKey = await subtle.wrapKey("raw", contentKey, wrappingKey, AGENT_KEY_ALGORITHM);
  return {
    alg: SEALED_SECRET_ALG,
    encryptedKey: base64url.encode(new Uint8Array(encryptedKey)),
    iv: base64url.encode(iv),
    ciphertext: base64url.encode(new Uint8Array(ciphertext)),
  };
}

/** `privateKey` must be an RSA-OAEP-256 key with the `unwrapKey` usage. */
export async function openSealedSecret(privateKey: CryptoKey, sealed: SealedSecret): Promise<string> {
  const { encryptedKey, iv, ciphertext } = ZSealedSecretSchema.parse(sealed);
  const { subtle } = globalThis.crypto;
  try {
    const contentKey = await subtle.unwrapKey(
      "raw",
      decodeBase64url(encryptedKey),
      privateKey,
      AGENT_KEY_ALGORITHM,
      { name: CONTENT_ALGORITHM, length: 256 },
      false,
      ["decrypt"],
    );
    const plaintext = await subtle.decrypt(
      { name: CONTENT_ALGORITHM, iv: decodeBase64url(iv), additionalData: ASSOCIATED_DATA },
      contentKey,
      decodeBase64url(ciphertext),
    );
    return new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
  } catch {
    // WebCrypto says only "OperationError"; say what it means for the admin.
    throw new SealedSecretError(
      "A sealed secret could not be opened: it was sealed for another agent's key or altered on the way. " +
        "Enter the secret again in the wizard so it is sealed for this agent.",
    );
  }
}

/** Seals a typed secret (a string, or a user name and password) as the agent expects to find it. */
export function sealSecretValueForAgent(
  publicJwk: AgentPublicJwk,
  value: SecretValue,
): Promise<SealedSecret> {
  return sealForAgent(publicJwk, JSON.stringify(ZSecretValueSchema.parse(value)));
}

export async function openSecretValue(privateKey: CryptoKey, sealed: SealedSecret): Promise<SecretValue> {
  const plaintext = await openSealedSecret(privateKey, sealed);
  const parsed = ZSecretValueSchema.safeParse(parseJsonOrUndefined(plaintext));
  if (!parsed.success) {
    throw new SealedSecretError("A sealed secret opened, but does not hold a string or a credential.");
  }
  return parsed.data;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
