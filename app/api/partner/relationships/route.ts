import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import {
  type PartnerRelationship,
  type PartnerRelationshipList,
  ZAddCustomerRequestSchema,
} from "@/lib/contracts/partner-relationships";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { actingPartner } from "@/lib/partners/acting-partner";
import { addCustomer } from "@/lib/partners/relationships/add-customer";
import { listRelationships } from "@/lib/partners/relationships/list-relationships";

export const dynamic = "force-dynamic";

export const GET = userRoute({ role: "viewer" }, async (_request, { acting }) => {
  const db = getDb();
  const partner = await actingPartner({ db, acting });
  return NextResponse.json((await listRelationships({ db, partner })) satisfies PartnerRelationshipList);
});

export const POST = userRoute({ role: "owner" }, async (request, { acting }) => {
  const db = getDb();
  const partner = await actingPartner({ db, acting });
  const body = await readJsonBody(request, ZAddCustomerRequestSchema, BODY_LIMITS.small);
  const added = await addCustomer({ db, acting, partner, request: body });
  return NextResponse.json(added satisfies PartnerRelationship, { status: 201 });
});
