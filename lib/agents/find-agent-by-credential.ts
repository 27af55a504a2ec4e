import { z } from "zod";
import { preparedStatement, type Sql } from "@/lib/db";
import { Cloud, MfaPolicy } from "@/lib/generated/prisma/enums";

// Plain SQL, as every agent request this process has no memory of makes this lookup
// (lib/agents/authenticate-agent.ts says why).

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
/** An agent and its tenant, as authentication reads them. */
export type AgentRow = z.infer<typeof ZAgentRowSchema>;

const AGENT_BY_CREDENTIAL = preparedStatement(
  "hw_agent_by_credential",
  `SELECT a."id", a."name", a."revokedAt" AT TIME ZONE 'UTC' AS "revokedAt",
          a."lastSeenAt" AT TIME ZONE 'UTC' AS "lastSeenAt", t."id" AS "tenantId", t."entraTenantId",
          t."displayName", t."cloud", t."initialDomain", t."mfaPolicy"
   FROM "Agent" a JOIN "Tenant" t ON t."id" = a."tenantId"
   WHERE a."credentialHash" = $1`,
);

/** The one lookup that finds the tenant from a secret: the hash of the agent's credential, unique. */
export async function findAgentByCredentialHash(sql: Sql, hash: Buffer): Promise<AgentRow | undefined> {
  const { rows } = await sql.query(AGENT_BY_CREDENTIAL([hash]));
  return rows[0] === undefined ? undefined : ZAgentRowSchema.parse(rows[0]);
}
