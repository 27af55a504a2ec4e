import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { ZCustomersQuerySchema } from "@/lib/contracts/partner-dashboard";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { actingPartner } from "@/lib/partners/acting-partner";
import { listPartnerCustomers } from "@/lib/partners/list-partner-customers";

export const dynamic = "force-dynamic";

export const GET = userRoute({ role: "viewer" }, async (request, { acting }) => {
  const query = ZCustomersQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    throw new AppError("bad_request", query.error.issues.map((issue) => issue.message).join("; "));
  }
  const db = getDb();
  const partner = await actingPartner({ db, acting });
  return NextResponse.json(await listPartnerCustomers({ db, partner, query: query.data }));
});
