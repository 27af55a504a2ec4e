import { z } from "zod";
import { sha256 } from "@/lib/crypto/hashing";
import { preparedStatement, type Sql } from "@/lib/db";
import { Cloud, MfaPolicy } from "@/lib/generated/prisma/enums";

// Plain SQL, as every agent request makes this lookup (lib/agents/authenticate-agent.ts says why).

const ZAgentRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  revokedAt: z.date().nullable(),
  lastSeenAt: z.date().nullable(),
  tenantId: z.string(),
  entraTenantId: z.string(),
  displayName: z.string(),
  cloud: z.enum(Cloud),
  initialDomain: z.string(),
  mfaPolicy: z.enum(MfaPolicy),
});

const AGENT_BY_CREDENTIAL = preparedStatement(
  "hw_agent_by_credential",
  `SELECT a."id", a."name", a."revokedAt" AT TIME ZONE 'UTC' AS "revokedAt",
          a."lastSeenAt" AT TIME ZONE 'UTC' AS "lastSeenAt", t."id" AS "tenantId", t."entraTenantId",
          t."displayName", t."cloud", t."initialDomain", t."mfaPolicy"
   FROM "Agent" a JOIN "Tenant" t ON t."id" = a."tenantId"
   WHERE a."credentialHash" = $1`,
);

/** The one lookup that finds the tenant from a secret: the credential's hash is unique. */
export async function findAgentByCredential(sql: Sql, credential: string) {
  const { rows } = await sql.query(AGENT_BY_CREDENTIAL([Buffer.from(sha256(credential))]));
  return rows[0] === undefined ? undefined : ZAgentRowSchema.parse(rows[0]);
}
