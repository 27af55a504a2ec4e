import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";

// The Members page's API (app/api/tenant/members/**).

export const ZMemberSchema = z.object({
  id: z.guid(),
  userId: z.guid(),
  upn: z.string(),
  displayName: z.string(),
  role: z.enum(Role),
  addedAt: z.iso.datetime({ offset: true }),
  lastSignInAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Member = z.infer<typeof ZMemberSchema>;

/** Someone of the tenant who has signed in to Hybrid Wizard and is not a member yet. */
export const ZMemberCandidateSchema = z.object({
  userId: z.guid(),
  upn: z.string(),
  displayName: z.string(),
});
export type MemberCandidate = z.infer<typeof ZMemberCandidateSchema>;

/** A partner that acts in the tenant through its delegated (GDAP) relationship, as the tenant sees it. */
export const ZTenantPartnerSchema = z.object({
  relationshipId: z.guid(),
  partnerName: z.string(),
  /** The most its technicians may do here. */
  role: z.enum(Role),
  status: z.enum(["pending", "active", "suspended"]),
  /** Suspended here, by this tenant's owner (only they resume it). */
  suspendedByCustomer: z.boolean(),
  expiresAt: z.iso.datetime().nullable(),
});
export type TenantPartner = z.infer<typeof ZTenantPartnerSchema>;

/** GET /api/tenant/members. No members yet: Entra's directory roles decide (docs/ARCHITECTURE.md). */
export const ZMemberListResponseSchema = z.object({
  members: z.array(ZMemberSchema),
  candidates: z.array(ZMemberCandidateSchema),
  /** Partners with a relationship that has not ended. */
  partners: z.array(ZTenantPartnerSchema),
});
export type MemberListResponse = z.infer<typeof ZMemberListResponseSchema>;

/** POST /api/tenant/members (201: the member). */
export const ZAddMemberRequestSchema = z.object({
  userId: z.guid("Choose who to add: someone of this organization who has signed in to Hybrid Wizard."),
  role: z.enum(Role, "Choose a role: owner, operator or viewer."),
});
export type AddMemberRequest = z.infer<typeof ZAddMemberRequestSchema>;

/** PATCH /api/tenant/members/[memberId] (200: the member). */
export const ZChangeMemberRoleRequestSchema = z.object({
  role: z.enum(Role, "Choose a role: owner, operator or viewer."),
});
export type ChangeMemberRoleRequest = z.infer<typeof ZChangeMemberRoleRequestSchema>;

/** PATCH and DELETE /api/tenant/members/[memberId]. */
export const ZMemberRouteParamsSchema = z.object({
  memberId: z.uuid("No such member: member ids are UUIDs."),
});

/** PATCH /api/tenant/partners/[relationshipId]: the tenant's owner sets a partner's role or suspends it. */
export const ZChangeTenantPartnerRequestSchema = z
  .object({
    role: z.enum(Role, "Choose a role: owner, operator or viewer.").optional(),
    status: z.enum(["active", "suspended"], "Choose active or suspended.").optional(),
  })
  .refine((request) => request.role !== undefined || request.status !== undefined, {
    error: "Say what to change: role, status, or both.",
  });
export type ChangeTenantPartnerRequest = z.infer<typeof ZChangeTenantPartnerRequestSchema>;

export const ZTenantPartnerRouteParamsSchema = z.object({
  relationshipId: z.uuid("No such partner: relationship ids are UUIDs."),
});
