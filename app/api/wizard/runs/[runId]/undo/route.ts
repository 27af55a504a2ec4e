import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import type { UndoResponse } from "@/lib/contracts/wizard-done";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { undoRun } from "@/lib/wizard/undo/undo-run";

export const dynamic = "force-dynamic";

// Undo this run: its inverse plan for review, or why Undo is refused. Nothing changes here.
export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  async (_request, { acting, log }, { runId }) => {
    const undo = await undoRun({ db: getDb(), acting, runId, logger: log });
    return NextResponse.json(undo satisfies UndoResponse);
  },
);
