/**
 * Opens secrets sealed for this agent (seal-for-agent.ts seals them, in the browser or in Node):
 * only the agent's private key, which never leaves its host, opens them. WebCrypto only.
 */
import { base64url } from "jose";
import { AGENT_KEY_ALGORITHM, CONTENT_ALGORITHM, SEALED_SECRET_ASSOCIATED_DATA } from "./seal-for-agent";
import {
  type SealedSecret,
  type SecretValue,
  ZSealedSecretSchema,
  ZSecretValueSchema,
} from "./sealed-secret-format";

/** A copy backed by a plain ArrayBuffer, the only kind WebCrypto's types accept. */
function decodeBase64url(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(base64url.decode(text));
}

export class SealedSecretError extends Error {
  override name = "SealedSecretError";
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
      { name: CONTENT_ALGORITHM, iv: decodeBase64url(iv), additionalData: SEALED_SECRET_ASSOCIATED_DATA },
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
