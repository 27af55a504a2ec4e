/**
 * The shape of a secret sealed for one agent (see seal-for-agent.ts and sealed-secret.ts): zod and
 * constants only, so the browser, the service and the agent read it without anything else.
 */
import { z } from "zod";

export const SEALED_SECRET_ALG = "RSA-OAEP-256+A256GCM";

export const ZBase64urlSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, "must be base64url (RFC 4648 §5, no padding)");

export const ZSealedSecretSchema = z.strictObject({
  alg: z.literal(SEALED_SECRET_ALG),
  /** The random AES-256 key, wrapped with the agent's RSA-OAEP-256 public key. */
  encryptedKey: ZBase64urlSchema.max(1366),
  /** 96-bit AES-GCM nonce. */
  iv: ZBase64urlSchema.length(16),
  /** AES-256-GCM ciphertext with its 128-bit tag appended. */
  ciphertext: ZBase64urlSchema.max(100_000),
});
export type SealedSecret = z.infer<typeof ZSealedSecretSchema>;

/**
 * What a sealed parameter holds once opened. A `credential` becomes a PSCredential
 * on the agent, for cmdlets that take a -Credential.
 */
export const ZSecretValueSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("string"), value: z.string() }),
  z.strictObject({ type: z.literal("credential"), userName: z.string().min(1), password: z.string() }),
]);
export type SecretValue = z.infer<typeof ZSecretValueSchema>;
