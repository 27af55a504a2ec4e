import { userRoute } from "@/lib/auth/user-route";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { eventStreamResponse } from "@/lib/http/event-stream-response";
import { openUpdateEventStream } from "@/lib/wizard/update/open-update-event-stream";

export const dynamic = "force-dynamic";

export const GET = userRoute(
  { role: "viewer" },
  ZWizardRunParamsSchema,
  async (request, { acting }, { runId }) =>
    eventStreamResponse({
      request,
      userId: acting.actor.userId,
      open: () => openUpdateEventStream({ db: getDb(), acting, runId, signal: request.signal }),
    }),
);
