import { issueAgentCredential } from "@/lib/agents/agent-credential";
import { announceAgentEvent } from "@/lib/agents/agent-events";
import type { PairRequest, PairResponse } from "@/lib/agents/protocol";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sameHash, sha256 } from "@/lib/crypto/hashing";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { consumeRateLimit, returnRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { type AgentActingContext, actingTenant } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

const MAX_ATTEMPTS_PER_CODE = 5;
const SOURCE_LIMIT = { limit: 10, windowSeconds: 15 * 60 };
const INVALID = "This pairing code is not valid. Check it, or create a new one on the Agents page.";

/** Crockford base32 forgives the look-alikes a person might type. */
function normalizeCode(code: string): { publicId: string; secret: string } | null {
  const clean = code.trim().toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
  const match = /^([0-9A-HJKMNP-TV-Z]{6})-?([0-9A-HJKMNP-TV-Z]{10})$/.exec(clean);
  return match?.[1] && match[2] ? { publicId: match[1], secret: match[2] } : null;
}

/**
 * Trades a one-time pairing code for an agent credential (OWASP ASVS 5.0 §6.5:
 * single use, short-lived, hashed, attempts limited per code and per source). Every attempt on a
 * code counts, the right one included: a code is single use, so a spent attempt costs nothing.
 */
export async function pairAgent(options: {
  db: Db;
  request: PairRequest;
  sourceAddress: string;
}): Promise<PairResponse> {
  const { db, request } = options;
  // Both limits are taken before a secret is compared, each in one atomic statement, so guesses
  // arriving together cannot all read "under the limit" first (they did: 26 compared against 5).
  const sourceKey = { key: `pair-source:${options.sourceAddress}`, ...SOURCE_LIMIT };
  const source = await consumeRateLimit(db, sourceKey);
  if (!source.allowed) {
    throw new AppError(
      "rate_limited",
      "Too many failed pairing attempts from this address. Wait 15 minutes and try again.",
      { retryAfterSeconds: source.retryAfterSeconds },
    );
  }

  const parsed = normalizeCode(request.code);
  if (!parsed) throw new AppError("pairing_code_invalid", INVALID);
  // The one lookup that finds the tenant from a pairing code (its public id is unique); the
  // attempt is counted in the same statement, before the secret is compared.
  const [code] = await db.pairingCode.updateManyAndReturn({
    where: { publicId: parsed.publicId, revokedAt: null, attempts: { lt: MAX_ATTEMPTS_PER_CODE } },
    data: { attempts: { increment: 1 } },
    include: { tenant: true },
  });
  if (!code || !sameHash(sha256(parsed.secret), code.secretHash)) {
    throw new AppError("pairing_code_invalid", INVALID);
  }
  // From here on the code's tenant is known; the agent the code pairs acts in it.
  const agentId = crypto.randomUUID();
  const acting: AgentActingContext = {
    tenant: actingTenant(code.tenant),
    actor: { kind: "agent", agentId, name: request.name },
    role: "agent",
    sourceAddress: options.sourceAddress,
    userAgent: null,
  };
  if (code.usedAt) {
    throw new AppError(
      "pairing_code_used",
      "This pairing code has already been used. Create a new one on the Agents page.",
    );
  }
  if (code.expiresAt.getTime() < Date.now()) {
    throw new AppError(
      "pairing_code_expired",
      `This pairing code expired at ${code.expiresAt.toISOString()}. Create a new one on the Agents page; codes last 10 minutes.`,
    );
  }

  const result = await db.$transaction(async (tx) => {
    // Single use even when two agents race with the same code.
    const claimed = await tx.pairingCode.updateMany({
      where: { id: code.id, ...tenantScope(acting), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) return null;
    const { credential, hash } = issueAgentCredential(agentId);
    await tx.agent.create({
      data: {
        id: agentId,
        ...tenantScope(acting),
        name: request.name,
        host: request.host,
        version: request.version,
        runAs: request.runAs,
        publicKeyJwk: request.publicKeyJwk,
        credentialHash: hash,
        pairedById: code.createdById,
        lastSeenAt: new Date(),
        lastSeenFrom: options.sourceAddress,
      },
    });
    await tx.pairingCode.update({ where: { id: code.id, ...tenantScope(acting) }, data: { agentId } });
    await recordAuditEvent(tx, {
      acting,
      action: "agent.paired",
      targetType: "Agent",
      targetId: agentId,
      details: {
        name: request.name,
        host: request.host,
        version: request.version,
        pairingCode: code.publicId,
      },
    });
    return { agentId, credential };
  });
  if (!result) {
    throw new AppError(
      "pairing_code_used",
      "This pairing code has already been used. Create a new one on the Agents page.",
    );
  }
  // The limit is on failed attempts: a pairing that worked gives its place back.
  await returnRateLimit(db, sourceKey);
  await announceAgentEvent({
    tenantId: acting.tenant.id,
    agentId: result.agentId,
    type: "paired",
    pairingCodeId: code.id,
  });
  return {
    agentId: result.agentId,
    entraTenantId: acting.tenant.entraTenantId,
    tenantName: acting.tenant.displayName,
    credential: result.credential,
  };
}
