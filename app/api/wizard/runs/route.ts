import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import {
  type WizardRun,
  type WizardRunListResponse,
  ZWizardRunListQuerySchema,
} from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { idempotent } from "@/lib/http/idempotent";
import { createRun } from "@/lib/wizard/runs/create-run";
import { listRuns } from "@/lib/wizard/runs/list-runs";

export const dynamic = "force-dynamic";

export const GET = userRoute({ role: "viewer" }, async (request, { acting }) => {
  const query = ZWizardRunListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return NextResponse.json(
    (await listRuns({ db: getDb(), acting, ...query })) satisfies WizardRunListResponse,
  );
});

export const POST = userRoute(
  { role: "operator" },
  idempotent(async (_request, { acting }) =>
    NextResponse.json((await createRun({ db: getDb(), acting })) satisfies WizardRun, { status: 201 }),
  ),
);
