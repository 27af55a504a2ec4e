"use client";

import { useState } from "react";
import { NotGathered } from "@/components/wizard/run/NotGathered";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import { savedAnswers } from "./saved-answers";

/** The HCW's Hybrid Configuration (transport): Edge Transport servers or not; centralized mail transport. */
export default function TransportPage() {
  const { run, gathered, saveAndNext } = useWizardRun();
  const saved = savedAnswers(run, "transport");
  const [edge, setEdge] = useState(saved.edgeTransport ?? false);
  const [centralized, setCentralized] = useState(saved.centralizedMailTransport ?? false);
  if (!gathered) return <NotGathered />;
  const edgeServers = gathered.servers.filter((server) => server.edge);
  return (
    <form
      className="max-w-3xl space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        void saveAndNext("transport", { edgeTransport: edge, centralizedMailTransport: centralized });
      }}
    >
      <fieldset className="space-y-3">
        <legend className="font-semibold text-slate-800">Mail transport</legend>
        <label className={`flex items-start gap-2 ${edgeServers.length === 0 ? "text-slate-600" : ""}`}>
          <input
            type="checkbox"
            checked={edge}
            disabled={edgeServers.length === 0 && !edge}
            onChange={(event) => setEdge(event.target.checked)}
            aria-describedby="edge-help"
          />
          <span>
            Route mail with Exchange Online through Edge Transport servers
            <span id="edge-help" className="block text-sm">
              {edgeServers.length > 0
                ? `Edge Transport servers found: ${edgeServers.map((server) => server.name).join(", ")}.`
                : "No Edge Transport server is subscribed to your organization, so mail goes through your Mailbox servers."}
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            checked={centralized}
            onChange={(event) => setCentralized(event.target.checked)}
            aria-describedby="centralized-help"
          />
          <span>
            Enable centralized mail transport
            <span id="centralized-help" className="block text-sm text-slate-600">
              All of Exchange Online's mail to the internet goes through your on-premises servers first
              (RouteAllMessagesViaOnPremises on the outbound connector).
            </span>
          </span>
        </label>
      </fieldset>
      <PageActions page="transport" />
    </form>
  );
}
