import { z } from "zod";
import { DIRECTORY_ROLES } from "@/lib/auth/directory-roles";
import { Cloud, PartnerTenantStatus, Role } from "@/lib/generated/prisma/enums";

// A partner's customers as relationships (app/api/partner/relationships/**): adding one by domain
// or tenant id after checking its delegated (GDAP) relationship, its roles and expiry, suspending,
// resuming and ending.

/** The work a GDAP role set allows, or what is missing for it, in the admin's words. */
export const ZRoleGapSchema = z.object({
  /** The wizard itself (Exchange Administrator), app registrations, or granting their consent. */
  work: z.enum(["wizard", "appRegistration", "consent"]),
  /** What to add to the relationship, e.g. "Exchange Administrator". */
  missing: z.string(),
});

export const ZPartnerRelationshipSchema = z.object({
  id: z.guid(),
  tenantId: z.guid(),
  entraTenantId: z.guid(),
  displayName: z.string(),
  initialDomain: z.string(),
  cloud: z.enum(Cloud),
  status: z.enum(PartnerTenantStatus),
  /** The customer's owner suspended it: only they resume it. */
  suspendedByCustomer: z.boolean(),
  /** The most the partner's technicians may be in the customer: chosen when added, then the customer's to change. */
  role: z.enum(Role),
  gdapRoles: z.array(z.enum(DIRECTORY_ROLES)),
  gaps: z.array(ZRoleGapSchema),
  expiresAt: z.iso.datetime().nullable(),
  /** Days until it lapses when that is within the warning window (30 days), else null. */
  lapsesInDays: z.number().int().nullable(),
  checkedAt: z.iso.datetime().nullable(),
});
export type PartnerRelationship = z.infer<typeof ZPartnerRelationshipSchema>;

export const ZPartnerRelationshipListSchema = z.object({
  partner: z.object({ name: z.string() }),
  relationships: z.array(ZPartnerRelationshipSchema),
});
export type PartnerRelationshipList = z.infer<typeof ZPartnerRelationshipListSchema>;

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** POST /api/partner/relationships: add (or check again) a customer (201: the relationship). */
export const ZAddCustomerRequestSchema = z.object({
  customer: z
    .string()
    .trim()
    .max(253)
    .toLowerCase()
    .refine((value) => z.guid().safeParse(value).success || DOMAIN.test(value), {
      error: "Enter the customer's tenant id (a GUID) or one of its domains, e.g. contoso.onmicrosoft.com",
    }),
  /** For a customer added anew; checking one again keeps the role it has. */
  role: z.enum(Role, "Choose the role your technicians get in this customer: owner, operator or viewer."),
});
export type AddCustomerRequest = z.infer<typeof ZAddCustomerRequestSchema>;

/** PATCH /api/partner/relationships/[relationshipId]: suspend, resume or end. */
export const ZSetRelationshipStatusRequestSchema = z.object({
  status: z.enum(["active", "suspended", "ended"], "Choose active, suspended or ended."),
});
export type SetRelationshipStatusRequest = z.infer<typeof ZSetRelationshipStatusRequestSchema>;

export const ZRelationshipRouteParamsSchema = z.object({
  relationshipId: z.guid("The relationship id in the address is not valid: open it from the Customers page."),
});
