import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import {
  type PartnerRelationship,
  ZRelationshipRouteParamsSchema,
  ZSetRelationshipStatusRequestSchema,
} from "@/lib/contracts/partner-relationships";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { actingPartner } from "@/lib/partners/acting-partner";
import { setRelationshipStatus } from "@/lib/partners/relationships/set-relationship-status";

export const dynamic = "force-dynamic";

export const PATCH = userRoute(
  { role: "owner" },
  ZRelationshipRouteParamsSchema,
  async (request, { acting }, { relationshipId }) => {
    const db = getDb();
    const partner = await actingPartner({ db, acting });
    const body = await readJsonBody(request, ZSetRelationshipStatusRequestSchema, BODY_LIMITS.small);
    const changed = await setRelationshipStatus({ db, acting, partner, relationshipId, request: body });
    return NextResponse.json(changed satisfies PartnerRelationship);
  },
);
