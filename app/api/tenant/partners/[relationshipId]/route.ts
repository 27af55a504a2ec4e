import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import {
  type TenantPartner,
  ZChangeTenantPartnerRequestSchema,
  ZTenantPartnerRouteParamsSchema,
} from "@/lib/contracts/members";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { changeTenantPartner } from "@/lib/tenants/members/change-tenant-partner";

export const dynamic = "force-dynamic";

export const PATCH = userRoute(
  { role: "owner" },
  ZTenantPartnerRouteParamsSchema,
  async (request, { acting }, { relationshipId }) => {
    const body = await readJsonBody(request, ZChangeTenantPartnerRequestSchema, BODY_LIMITS.small);
    const changed = await changeTenantPartner({ db: getDb(), acting, relationshipId, request: body });
    return NextResponse.json(changed satisfies TenantPartner);
  },
);
