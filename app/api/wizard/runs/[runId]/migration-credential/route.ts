import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import {
  type StoredMigrationCredential,
  ZStoreMigrationCredentialRequestSchema,
} from "@/lib/contracts/run-credentials";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { storeMigrationCredential } from "@/lib/wizard/credentials/store-migration-credential";

export const dynamic = "force-dynamic";

export const PUT = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  async (request, { acting }, { runId }) => {
    const body = await readJsonBody(
      request,
      ZStoreMigrationCredentialRequestSchema,
      BODY_LIMITS.runCredential,
    );
    const stored = await storeMigrationCredential({ db: getDb(), acting, runId, request: body });
    return NextResponse.json(stored satisfies StoredMigrationCredential);
  },
);
