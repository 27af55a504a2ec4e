import { userRoute } from "@/lib/auth/user-route";
import { ZCustomerRouteParams } from "@/lib/contracts/partner-dashboard";
import { getDb } from "@/lib/db";
import { actingPartner } from "@/lib/partners/acting-partner";
import { customerReport } from "@/lib/partners/customer-report";

export const dynamic = "force-dynamic";

export const GET = userRoute(
  { role: "viewer" },
  ZCustomerRouteParams,
  async (_request, { acting }, { tenantId }) => {
    const db = getDb();
    const report = await customerReport({ db, partner: await actingPartner({ db, acting }), tenantId });
    return new Response(report.html, {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-disposition": `attachment; filename="${report.fileName}"`,
      },
    });
  },
);
