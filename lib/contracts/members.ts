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

/** GET /api/tenant/members. No members yet: Entra's directory roles decide (docs/ARCHITECTURE.md). */
export const ZMemberListResponseSchema = z.object({
  members: z.array(ZMemberSchema),
  candidates: z.array(ZMemberCandidateSchema),
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
