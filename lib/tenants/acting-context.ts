import type { DirectoryRole } from "@/lib/auth/directory-roles";
import type { Cloud, MfaPolicy, Role } from "@/lib/generated/prisma/enums";
import { tenantScope } from "@/lib/tenants/tenant-scope";

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
  /** The sign-in recorded last for this user (record-sign-in.ts moves it to `issuedAt`). */
  lastSignInAt: Date | null;
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

/**
 * The service itself, off the network: `npm start` pairing its demo agent, a benchmark seeding
 * pairing codes. No person and no agent, so audit rows name no actor.
 */
export interface ServiceActor {
  kind: "service";
  /** What is acting, for logs: "demo start", "dispatch bench". */
  purpose: string;
}

export type Actor = UserActor | AgentActor | ServiceActor;

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

/** What `userRoute` builds: a person acts. */
export type UserActingContext = ActingContext & { actor: UserActor; role: Role };
/** What `agentRoute` builds: a paired agent acts. */
export type AgentActingContext = ActingContext & { actor: AgentActor; role: "agent" };

/** The acting tenant from its row: the fields the context carries, under their own names. */
export function actingTenant(row: ActingTenant): ActingTenant {
  const { id, entraTenantId, displayName, cloud, initialDomain, mfaPolicy } = row;
  return { id, entraTenantId, displayName, cloud, initialDomain, mfaPolicy };
}

/** The context of the service acting in `tenant` from a command line (no request, no person). */
export function actingAsService(tenant: ActingTenant, purpose: string): ActingContext {
  return {
    tenant: actingTenant(tenant),
    actor: { kind: "service", purpose },
    role: "owner",
    sourceAddress: null,
    userAgent: null,
  };
}

/** Who acted, where, for which tenant: what an audit row takes from the acting context. */
export type AuditedActing = Pick<ActingContext, "tenant" | "actor" | "sourceAddress" | "userAgent">;

/**
 * The audit row's who and where, from the acting context. Ids and names are kept as values: the
 * row outlives the tenant, user or agent it names.
 */
export function auditActor(acting: AuditedActing): {
  tenantId: string;
  tenantName: string;
  actorUserId: string | null;
  actorHomeTenantId: string | null;
  actorAgentId: string | null;
  actorName: string;
  actorUpn: string | null;
  ipAddress: string | null;
  userAgent: string | null;
} {
  const { actor } = acting;
  return {
    ...tenantScope(acting),
    tenantName: acting.tenant.displayName,
    actorUserId: actor.kind === "user" ? actor.userId : null,
    actorHomeTenantId: actor.kind === "user" ? actor.homeTenantId : null,
    actorAgentId: actor.kind === "agent" ? actor.agentId : null,
    actorName:
      actor.kind === "user" ? actor.displayName : actor.kind === "agent" ? actor.name : actor.purpose,
    actorUpn: actor.kind === "user" ? actor.upn : null,
    ipAddress: acting.sourceAddress,
    userAgent: acting.userAgent,
  };
}
