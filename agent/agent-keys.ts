/**
 * The agent's key pair. Generated on the agent's host at pairing; the public half goes to the
 * server so the browser can seal secrets for this agent, the private half stays in the config file.
 */
import { type AgentPublicJwk, ZAgentPublicJwkSchema } from "@/lib/agents/protocol";
import { AGENT_KEY_ALGORITHM } from "@/lib/agents/seal-for-agent";
import { type AgentPrivateJwk, ZAgentPrivateJwkSchema } from "./config/agent-config";

export async function generateAgentKeyPair(): Promise<{
  publicKeyJwk: AgentPublicJwk;
  privateKeyJwk: AgentPrivateJwk;
}> {
  const { subtle } = globalThis.crypto;
  const pair = await subtle.generateKey(
    { ...AGENT_KEY_ALGORITHM, modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]) },
    true, // extractable, once, to write the private key into the config file
    ["wrapKey", "unwrapKey"],
  );
  const publicJwk = await subtle.exportKey("jwk", pair.publicKey);
  const privateJwk = await subtle.exportKey("jwk", pair.privateKey);
  return {
    publicKeyJwk: ZAgentPublicJwkSchema.parse({
      kty: publicJwk.kty,
      n: publicJwk.n,
      e: publicJwk.e,
      alg: "RSA-OAEP-256",
    }),
    privateKeyJwk: ZAgentPrivateJwkSchema.parse(privateJwk),
  };
}

/** The private key as a non-extractable CryptoKey that can only open sealed secrets. */
export function importAgentPrivateKey(jwk: AgentPrivateJwk): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey("jwk", jwk, AGENT_KEY_ALGORITHM, false, ["unwrapKey"]);
}
