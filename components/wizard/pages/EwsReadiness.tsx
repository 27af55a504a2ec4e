import type { RunEwsReadiness } from "@/lib/contracts/wizard-gather";

const YES_NO = (value: boolean) => (value ? "yes" : "no");

/** The Gathering page's account of Exchange Online's EWS retirement, as it bears on this hybrid. */
export function EwsReadiness({ readiness }: { readiness: RunEwsReadiness }) {
  return (
    <section aria-labelledby="ews-heading" data-testid="ews-readiness">
      <h2 id="ews-heading" className="font-semibold text-slate-800">
        EWS retirement readiness
      </h2>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">EWSEnabled in Exchange Online</dt>
        <dd>{readiness.ewsEnabled === null ? "unset" : readiness.ewsEnabled ? "True" : "False"}</dd>
        <dt className="text-slate-600">EWS served to hybrid now</dt>
        <dd>{YES_NO(readiness.ewsServedNow)}</dd>
        <dt className="text-slate-600">EwsAllowedAppIDs</dt>
        <dd className="font-mono break-all">
          {readiness.allowedAppIds.length > 0 ? readiness.allowedAppIds.join(", ") : "none"}
        </dd>
        <dt className="text-slate-600">On-premises uses the dedicated hybrid application</dt>
        <dd>{YES_NO(readiness.dedicatedAppOnPremises)}</dd>
        <dt className="text-slate-600">Servers still on EWS</dt>
        <dd>{readiness.serversOnEws.length > 0 ? readiness.serversOnEws.join(", ") : "none"}</dd>
      </dl>
      {readiness.messages.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm text-amber-800">
          {readiness.messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
