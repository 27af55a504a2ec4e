import { AppError } from "@/lib/errors";
import { type ExchangeOnlineCaller, invokeExchangeOnlineCmdlet } from "@/lib/exchange/exchange-online-client";
import type { RunOnPremises } from "@/lib/wizard/credentials/on-premises-for-run";
import type { RunProbe } from "./validate-configuration";

/** Time for the agent to take a probe and Exchange to answer it (Test-OAuthConnectivity takes seconds). */
const PROBE_TIMEOUT_MS = 2 * 60_000;

/**
 * The probes' transports in the web app: on-premises as the run's agent jobs (its own account, when
 * it has one), Exchange Online on the admin's behalf.
 */
export function serviceProbes(options: {
  onPremises: Pick<RunOnPremises, "runCmdlet">;
  online: ExchangeOnlineCaller;
}): RunProbe {
  return async (probe) => {
    if (probe.side === "OnPremises") {
      const { outcome } = await options.onPremises.runCmdlet({
        cmdlet: probe.cmdlet,
        parameters: probe.parameters,
        timeoutMs: PROBE_TIMEOUT_MS,
      });
      return outcome.outcome === "succeeded"
        ? { ok: true, objects: outcome.result.objects }
        : { ok: false, message: outcome.error.message, transient: outcome.error.transient };
    }
    try {
      const { value } = await invokeExchangeOnlineCmdlet({
        ...options.online,
        cmdlet: probe.cmdlet,
        parameters: probe.parameters,
      });
      return { ok: true, objects: value };
    } catch (error) {
      // Exchange's refusal of the probe is its result; not reaching Exchange Online at all is not.
      if (error instanceof AppError && error.code === "exchange_error")
        return { ok: false, message: error.message };
      throw error;
    }
  };
}
