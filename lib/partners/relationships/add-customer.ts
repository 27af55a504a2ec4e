import { decodeJwt } from "jose";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireCloudConfig } from "@/lib/auth/clouds";
import { directoryRolesFromWids, ROLE_NAMES } from "@/lib/auth/directory-roles";
import type { AddCustomerRequest, PartnerRelationship } from "@/lib/contracts/partner-relationships";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PartnerTenantStatus, Role } from "@/lib/generated/prisma/enums";
import { connectGraph } from "@/lib/graph/connect-graph";
import { getOrganization } from "@/lib/graph/get-organization";
import { MICROSOFT_GRAPH_API } from "@/lib/graph/graph-token";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import type { ActingPartner } from "../acting-partner";
import { acquireCustomerToken } from "../customer-token";
import { readGdapRelationship } from "./gdap-relationship";
import { RELATIONSHIP_SELECT, relationshipView } from "./relationship-view";
import { resolveCustomerTenant } from "./resolve-customer-tenant";
import { roleGaps } from "./role-gaps";

/**
 * A partner admin adds a customer (or checks one again) by domain or tenant id. Nothing is stored
 * until each part holds: the partner's active delegated admin (GDAP) relationship with the customer
 * as Graph lists it at home (its roles and end), then a token from the customer's authority for this
 * admin (the relationship works for them) carrying Exchange Administrator (the wizard's role), and
 * the customer's organization read with it. Then the customer is registered if new, the
 * relationship made active with its roles, expiry and check time, and the change audited.
 */
export async function addCustomer(options: {
  db: Db;
  acting: UserActingContext;
  partner: ActingPartner;
  request: AddCustomerRequest;
  now?: Date;
}): Promise<PartnerRelationship> {
  const { db, acting, partner, request } = options;
  if (acting.actor.partnerId) {
    throw new AppError(
      "forbidden",
      `Customers are added at ${partner.partnerName} itself: choose ${partner.partnerName} in the header's customer menu first.`,
    );
  }
  const { cloud } = acting.tenant;
  const entraTenantId = await resolveCustomerTenant(requireCloudConfig(cloud), request.customer);
  if (entraTenantId === acting.tenant.entraTenantId) {
    throw refusal(`${request.customer} is ${partner.partnerName} itself, not a customer.`);
  }
  const gdap = await readGdapRelationship(await connectGraph({ db, acting }), entraTenantId);
  if (!gdap) {
    throw refusal(
      `${partner.partnerName} has no active delegated admin (GDAP) relationship with ${request.customer}. Request one in Partner Center (Customers → the customer → Admin relationships), have the customer approve it, then add them here.`,
    );
  }
  const customer = { cloud, entraTenantId };
  const token = await acquireCustomerToken({
    db,
    api: MICROSOFT_GRAPH_API,
    partner: { user: partner.user, homeTenant: acting.tenant },
    customer,
  });
  const wids = decodeJwt(token.accessToken).wids;
  const held = directoryRolesFromWids(Array.isArray(wids) ? wids.map(String) : []);
  const name = gdap.customerName ?? request.customer;
  if (roleGaps(held).some((gap) => gap.work === "wizard")) {
    const given = gdap.roles.map((role) => ROLE_NAMES[role]).join(", ") || "no role Hybrid Wizard knows";
    throw refusal(
      `Your sign-in in ${name} carries no Exchange Administrator role, which the wizard needs (the relationship gives: ${given}). Add Exchange Administrator to the GDAP relationship and assign it to your technicians' security group, then add ${name} again.`,
    );
  }
  const organization = await getOrganization({ graph: { tenant: customer, accessToken: token.accessToken } });
  const initialDomain =
    organization.verifiedDomains.find((domain) => domain.isInitial)?.name ?? request.customer;
  const now = options.now ?? new Date();
  const checked = { gdapRoles: gdap.roles, expiresAt: gdap.expiresAt, checkedAt: now };
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.upsert({
      where: { entraTenantId },
      create: { entraTenantId, cloud, displayName: organization.displayName, initialDomain },
      update: {},
    });
    const key = { partnerId_tenantId: { partnerId: partner.partnerId, tenantId: tenant.id } };
    const current = await tx.partnerTenant.findUnique({
      where: key,
      select: { status: true, suspendedByCustomer: true },
    });
    const row = await tx.partnerTenant.upsert({
      where: key,
      create: {
        partnerId: partner.partnerId,
        tenantId: tenant.id,
        role: request.role,
        status: "active",
        ...checked,
      },
      update: checkedAgain(current, request.role, checked),
      select: RELATIONSHIP_SELECT,
    });
    await recordAuditEvent(tx, {
      acting,
      action: "partner.customer_added",
      targetType: "tenant",
      targetId: tenant.id,
      details: {
        customer: tenant.displayName,
        role: request.role,
        gdapRoles: gdap.roles,
        expiresAt: gdap.expiresAt?.toISOString() ?? null,
      },
    });
    return relationshipView(row, now);
  });
}

/**
 * Checked again, a relationship keeps the role its customer may have set and a suspension the
 * customer made; an ended one starts again with the role asked for.
 */
function checkedAgain(
  current: { status: PartnerTenantStatus; suspendedByCustomer: boolean } | null,
  role: Role,
  checked: { gdapRoles: string[]; expiresAt: Date | null; checkedAt: Date },
): Prisma.PartnerTenantUpdateInput {
  if (current?.status === "ended") return { ...checked, role, status: "active", suspendedByCustomer: false };
  return current?.suspendedByCustomer ? checked : { ...checked, status: "active" };
}

function refusal(message: string): AppError {
  return new AppError("validation_failed", message, { field: "customer" });
}
