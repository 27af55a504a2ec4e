import { userRoute } from "@/lib/auth/user-route";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { getDb } from "@/lib/db";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import { connectGraph } from "@/lib/graph/connect-graph";
import { holdConnection, MAX_EVENT_STREAMS_PER_USER } from "@/lib/http/held-connections";
import { idempotent } from "@/lib/http/idempotent";
import { getQueue } from "@/lib/jobs/get-queue";
import { findRunRow } from "@/lib/wizard/runs/find-run-row";
import { gatherStream } from "@/lib/wizard/runs/gather-stream";

export const dynamic = "force-dynamic";

// Gathering configuration: the run and the admin's Exchange Online token are checked first (so a
// missing run or an MFA challenge is a plain error answer), then the reads stream as they land.
export const POST = userRoute(
  { role: "operator" },
  ZWizardRunParamsSchema,
  idempotent(async (_request, { acting, log }, { runId }) => {
    const db = getDb();
    await findRunRow({ db, acting, runId });
    const { accessToken } = await acquireExchangeOnlineToken({ db, acting, logger: log });
    const queue = await getQueue();
    // Each gather holds its stream and queues agent jobs: a person's tabs may hold a few at once.
    const release = holdConnection({
      key: `gather:${acting.actor.userId}`,
      limit: MAX_EVENT_STREAMS_PER_USER,
      what: "gathers",
    });
    const stream = gatherStream({
      db,
      queue,
      acting,
      runId,
      exchangeOnline: { tenant: acting.tenant, accessToken },
      graph: () => connectGraph({ db, acting, logger: log }),
      log,
      onEnd: release,
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store, no-transform",
        "x-accel-buffering": "no",
      },
    });
  }),
);
