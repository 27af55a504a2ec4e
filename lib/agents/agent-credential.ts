import { randomBytes } from "node:crypto";
import { sha256 } from "@/lib/crypto/hashing";

/**
 * A 256-bit bearer credential the server keeps only as SHA-256. Chosen over
 * agent-signed short-lived tokens because on-premises clocks drift (clock skew
 * is a known HCW failure) and a bearer credential needs no clock.
 */
export function issueAgentCredential(agentId: string): { credential: string; hash: Uint8Array<ArrayBuffer> } {
  const credential = `hwa1.${agentId}.${randomBytes(32).toString("base64url")}`;
  return { credential, hash: sha256(credential) };
}
