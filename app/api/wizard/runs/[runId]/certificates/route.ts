import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import type { CertificateChoicesResponse } from "@/lib/contracts/wizard-done";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { listCertificateChoices } from "@/lib/wizard/transport-certificate/list-certificate-choices";

export const dynamic = "force-dynamic";

export const GET = userRoute(
  { role: "viewer" },
  ZWizardRunParamsSchema,
  async (_request, { acting, log }, { runId }) => {
    const certificates = await listCertificateChoices({ db: getDb(), acting, runId, logger: log });
    return NextResponse.json({ certificates } satisfies CertificateChoicesResponse);
  },
);
