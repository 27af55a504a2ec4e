import type { EwsAppReadiness } from "@/lib/contracts/partner-dashboard";

/** Exchange Online's EWSEnabled in words: unset means off from about 1 October 2026. */
function ewsWords(readiness: EwsAppReadiness): string {
  if (readiness.ewsEnabled === true) return "EWS on";
  if (readiness.ewsEnabled === false) return "EWS off";
  return readiness.ewsServedNow ? "EWS unset (off from 1 Oct 2026)" : "EWS unset (off since 1 Oct 2026)";
}

/**
 * One customer's EWS retirement readiness from the last health check: EWSEnabled, whether
 * on-premises uses the dedicated hybrid application, and the servers still on EWS (it ends 1 April 2027).
 */
export function EwsReadinessCell({ readiness }: { readiness: EwsAppReadiness | null }) {
  if (!readiness) return <span className="text-slate-500">not read</span>;
  return (
    <ul data-testid="ews-readiness" className="space-y-0.5">
      <li className={readiness.ewsServedNow ? "" : "text-red-800"}>{ewsWords(readiness)}</li>
      <li className={readiness.dedicatedApp ? "text-emerald-700" : "text-red-800"}>
        {readiness.dedicatedApp ? "Dedicated app in place" : "No dedicated app yet"}
      </li>
      <li className={readiness.serversOnEws.length > 0 ? "text-red-800" : "text-emerald-700"}>
        {readiness.serversOnEws.length > 0
          ? `On EWS: ${readiness.serversOnEws.join(", ")}`
          : "No server on EWS"}
      </li>
    </ul>
  );
}
