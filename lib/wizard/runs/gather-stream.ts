import type { Logger } from "pino";
import type { GatherEvent } from "@/lib/contracts/wizard-gather";
import { AppError } from "@/lib/errors";
import { gatherRun } from "./gather-run";

// Gathering configuration as server-sent events (ZGatherEventSchema): a `read` per read as it
// lands, then `gathered` (what the later pages offer) or `failed` (what to fix). The gather goes on
// if the browser leaves: its result is kept with the run, and the page shows it when it returns.

const encoder = new TextEncoder();

export function gatherStream(
  options: Parameters<typeof gatherRun>[0] & {
    log: Logger;
    /** Called once the gather has ended, however it ended (the browser may have left long before). */
    onEnd?: () => void;
  },
): ReadableStream {
  let open = true;
  return new ReadableStream({
    start(controller) {
      const send = (event: GatherEvent) => {
        if (!open) return;
        try {
          controller.enqueue(
            encoder.encode(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`),
          );
        } catch {
          open = false; // the browser went away; the gather still finishes and is stored
        }
      };
      const finish = () => {
        if (!open) return;
        open = false;
        controller.close();
      };
      gatherRun({ ...options, onRecord: (record) => send({ event: "read", data: record }) })
        .then((gathered) => send({ event: "gathered", data: gathered }))
        .catch((error: unknown) => {
          if (!(error instanceof AppError)) options.log.error({ err: error }, "gather failed");
          const message =
            error instanceof AppError
              ? error.message
              : "Gathering failed on our side. Try again; if it persists, contact support.";
          send({ event: "failed", data: { message } });
        })
        .finally(() => {
          options.onEnd?.();
          finish();
        });
    },
    cancel() {
      open = false;
    },
  });
}
