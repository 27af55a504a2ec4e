/** Renews a job's lease while the agent works on it; tells the job when the server took it back. */
import type { AgentLog } from "../agent-log";
import { formatSeconds } from "../agent-log";
import { AgentServerError } from "../http/agent-http-errors";
import type { AgentClient } from "../http/create-agent-client";
import { heartbeatDelayMs } from "./lease-timing";

const RETRY_AFTER_FAILED_HEARTBEAT_MS = 5_000;

export type LeaseKeeper = { stop(): void };

export function keepLease(options: {
  client: AgentClient;
  jobId: string;
  leaseToken: string;
  leaseExpiresAt: string;
  serverDate: Date | undefined;
  log: AgentLog;
  /** The server no longer holds the lease for this agent: stop working, don't report. */
  onLost: (reason: string) => void;
}): LeaseKeeper {
  const { client, jobId, leaseToken, log } = options;
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;

  const schedule = (delayMs: number) => {
    if (!stopping.signal.aborted) timer = setTimeout(beat, delayMs);
  };

  async function beat() {
    try {
      const renewed = await client.heartbeat(jobId, leaseToken, stopping.signal);
      schedule(heartbeatDelayMs(renewed.leaseExpiresAt, renewed.serverDate));
    } catch (error) {
      if (stopping.signal.aborted) return;
      // 404: the job is gone from the tenant's queue (removed), which ends the lease as surely.
      if (error instanceof AgentServerError && [401, 404, 409].includes(error.status)) {
        options.onLost(`the server took the job back (${error.code}: ${error.message})`);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      log.warn(
        `job ${jobId}: could not renew its lease (${message}); trying again in ${formatSeconds(RETRY_AFTER_FAILED_HEARTBEAT_MS)}`,
      );
      schedule(RETRY_AFTER_FAILED_HEARTBEAT_MS);
    }
  }

  schedule(heartbeatDelayMs(options.leaseExpiresAt, options.serverDate));
  return {
    stop() {
      stopping.abort();
      clearTimeout(timer);
    },
  };
}
