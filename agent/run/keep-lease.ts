/** Renews a job's lease while the agent works on it; tells the job when the server took it back. */
import type { AgentLog } from "../agent-log";
import { formatSeconds } from "../agent-log";
import { AgentServerError } from "../http/agent-http-errors";
import type { AgentClient } from "../http/create-agent-client";
import { heartbeatDelayMs } from "./lease-timing";

export type LeaseKeeper = {
  /** Aborted once the lease is no longer this agent's: taken back by the server, or run out. */
  lost: AbortSignal;
  stop(): void;
};

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
  const lost = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // The lease as last granted, and how far the server's clock is from this host's.
  let expiresAt = options.leaseExpiresAt;
  let serverClockOffsetMs = options.serverDate ? options.serverDate.getTime() - Date.now() : 0;
  const serverNow = () => new Date(Date.now() + serverClockOffsetMs);

  const loseLease = (reason: string) => {
    lost.abort(reason);
    options.onLost(reason);
  };
  const schedule = (delayMs: number) => {
    if (!stopping.signal.aborted) timer = setTimeout(beat, delayMs);
  };

  async function beat() {
    try {
      const renewed = await client.heartbeat(jobId, leaseToken, stopping.signal);
      expiresAt = renewed.leaseExpiresAt;
      if (renewed.serverDate) serverClockOffsetMs = renewed.serverDate.getTime() - Date.now();
      schedule(heartbeatDelayMs(expiresAt, serverNow()));
    } catch (error) {
      if (stopping.signal.aborted) return;
      // 404: the job is gone from the tenant's queue (removed), which ends the lease as surely.
      if (error instanceof AgentServerError && [401, 404, 409].includes(error.status)) {
        loseLease(`the server took the job back (${error.code}: ${error.message})`);
        return;
      }
      if (serverNow().getTime() >= Date.parse(expiresAt)) {
        loseLease("its lease ran out while the service could not be reached");
        return;
      }
      // Through an outage (the service's database restarting), keep trying at a third of what is
      // left of the lease: the first renewal after the service is back keeps the job, so it is not
      // handed out and run a second time.
      const retryInMs = heartbeatDelayMs(expiresAt, serverNow());
      const message = error instanceof Error ? error.message : String(error);
      log.warn(
        `job ${jobId}: could not renew its lease (${message}); trying again in ${formatSeconds(retryInMs)}`,
      );
      schedule(retryInMs);
    }
  }

  schedule(heartbeatDelayMs(expiresAt, serverNow()));
  return {
    lost: lost.signal,
    stop() {
      stopping.abort();
      clearTimeout(timer);
    },
  };
}
