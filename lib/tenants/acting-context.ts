import type { DirectoryRole } from "@/lib/auth/directory-roles";
import type { Cloud, MfaPolicy, Role } from "@/lib/generated/prisma/enums";

/**
 * The tenant a request acts in. `id` is Hybrid Wizard's own row id, the one every tenant-owned
 * row's `tenantId` holds; `entraTenantId` is Entra's (`tid`), the one Microsoft's URLs and the
 * agent wire carry. The two never share a name.
 */
export interface ActingTenant {
  id: string;
  entraTenantId: string;
  displayName: string;
  cloud: Cloud;
  initialDomain: string;
  mfaPolicy: MfaPolicy;
}

/** A person signed in with an access token for our API. */
export interface UserActor {
  kind: "user";
  userId: string;
  /** The user's row is keyed by their home tenant and object id. */
  homeTenantId: string;
  objectId: string;
  upn: string;
  displayName: string;
  directoryRoles: DirectoryRole[];
  mfa: boolean;
  /** When Entra issued the token (`iat`): the sign-in it stands for. */
  issuedAt: Date;
  /** The raw access token, the on-behalf-of assertion. Never log or store it. */
  accessToken: string;
  /** Set when the person is a partner's technician acting for a customer (GDAP). */
  partnerId: string | null;
}

/** A paired on-premises agent, authenticated by its credential. */
export interface AgentActor {
  kind: "agent";
  agentId: string;
  name: string;
}

export type Actor = UserActor | AgentActor;

/**
 * Who acts, for which tenant, with what role: built once per request by `userRoute` /
 * `agentRoute` (or by a command-line entry point), and handed to every `lib/` operation in its
 * options object as `acting`. Operations read the tenant from here, never from the client.
 */
export interface ActingContext {
  tenant: ActingTenant;
  actor: Actor;
  /** Hybrid Wizard's role in this tenant; an agent acts with `agent`. */
  role: Role | "agent";
  /** Where the request came from, for audit rows and rate limits; null off the network. */
  sourceAddress: string | null;
  userAgent: string | null;
}

/** The audit row's who and where, from the acting context. */
export function auditActor(acting: ActingContext): {
  tenantId: string;
  actorUserId: string | null;
  actorAgentId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
} {
  return {
    tenantId: acting.tenant.id,
    actorUserId: acting.actor.kind === "user" ? acting.actor.userId : null,
    actorAgentId: acting.actor.kind === "agent" ? acting.actor.agentId : null,
    ipAddress: acting.sourceAddress,
    userAgent: acting.userAgent,
  };
}
