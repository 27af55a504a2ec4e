import { findAgentByCredentialHash } from "@/lib/agents/find-agent-by-credential";
import { forgetAgent } from "@/lib/agents/known-agents";
import type { Sql } from "@/lib/db";
import { AppError } from "@/lib/errors";

// An agent request authenticated from this process's memory (known-agents.ts) is proved current by
// the first statement its route makes anyway: that statement carries the condition below, and the
// route refuses the request when no row met it. One statement where a lookup ahead of the route's
// own made two; the database still decides, at the request, on every instance.

/** The credential a request presented, and the agent it named. */
export interface AgentCredential {
  agentId: string;
  /** The credential's SHA-256, as the agent's row keeps it. */
  hash: Buffer;
}

/**
 * The condition that the agent row `alias` is the credential's agent, still holding that credential
 * (not rotated since) and not revoked; its values are `credentialValues`, numbered from `$first`.
 * The statement scopes the row by the acting tenant's id beside it, as every tenant-owned read does.
 */
export function credentialIsCurrent(alias: string, first: number): string {
  return `${alias}."id" = $${first} AND ${alias}."credentialHash" = $${first + 1} AND ${alias}."revokedAt" IS NULL`;
}

export function credentialValues(credential: AgentCredential): [string, Buffer] {
  return [credential.agentId, credential.hash];
}

export function agentRevoked(revokedAt: Date): AppError {
  return new AppError(
    "agent_revoked",
    `This agent was revoked on ${revokedAt.toISOString()}. Pair it again with a new code if it should keep working.`,
  );
}

export function credentialNotValid(): AppError {
  return new AppError(
    "unauthenticated",
    "This agent credential is not valid (it may have been rotated). Pair the agent again.",
  );
}

/**
 * Refuses a credential a statement found not current, saying why: the agent was revoked, or the
 * credential is no longer its own. This process forgets it.
 */
export async function refuseCredential(sql: Sql, credential: AgentCredential): Promise<never> {
  forgetAgent(credential.hash);
  const agent = await findAgentByCredentialHash(sql, credential.hash);
  if (agent?.revokedAt) throw agentRevoked(agent.revokedAt);
  throw credentialNotValid();
}
