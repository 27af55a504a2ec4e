import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { ZRunLogQuerySchema } from "@/lib/contracts/wizard-update";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatRunLogText } from "@/lib/wizard/update/format-run-log";
import { runLogDocument } from "@/lib/wizard/update/run-log-document";

export const dynamic = "force-dynamic";

export const GET = userRoute(
  { role: "viewer" },
  ZWizardRunParamsSchema,
  async (request, { acting }, { runId }) => {
    const query = ZRunLogQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new AppError("bad_request", "format is json or text.");
    const log = await runLogDocument({ db: getDb(), acting, runId });
    const name = `hybrid-wizard-run-${runId}`;
    if (query.data.format === "text") {
      return new NextResponse(formatRunLogText(log), {
        headers: {
          "content-type": "text/plain; charset=utf-8",
          "content-disposition": `attachment; filename="${name}.log"`,
        },
      });
    }
    return NextResponse.json(log, {
      headers: { "content-disposition": `attachment; filename="${name}.json"` },
    });
  },
);
