"use client";

import { useSession } from "@/components/auth/SessionProvider";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";

/** The HCW's Hybrid Topology: Classic; Modern shown, not offered, with why. */
export default function TopologyPage() {
  const { state } = useSession();
  const { saveAndNext } = useWizardRun();
  const cloud = state.status === "signed-in" ? state.me.tenant.cloud : undefined;
  const notInCloud = cloud === "UsGovGccHigh" || cloud === "UsGovDod" || cloud === "China21Vianet";
  return (
    <form
      className="max-w-3xl space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        void saveAndNext("topology", { topology: "Classic" });
      }}
    >
      <fieldset className="space-y-3">
        <legend className="font-semibold text-slate-800">Hybrid topology</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="topology" checked readOnly />
          <span>
            Use Exchange Classic Hybrid Topology
            <span className="block text-sm text-slate-600">
              Exchange Online reaches your servers directly (Autodiscover and EWS published to the internet).
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-slate-600">
          <input type="radio" name="topology" disabled aria-describedby="modern-why" />
          <span>
            Use Exchange Modern Hybrid Topology
            <span id="modern-why" className="block text-sm">
              Not offered here: it needs Microsoft's own Hybrid Agent, installed on a Windows server by
              Microsoft's Windows installer, which this service cannot install or run
              {notInCloud
                ? "; and Microsoft does not offer Modern hybrid in your tenant's cloud (GCC High, DoD and 21Vianet)."
                : ". Microsoft does not offer it in GCC High or 21Vianet either."}
            </span>
          </span>
        </label>
      </fieldset>
      <PageActions page="topology" />
    </form>
  );
}
