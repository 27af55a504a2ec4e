"use client";

import { useState } from "react";
import { FieldMessage } from "@/components/wizard/run/FieldMessage";
import { NotGathered } from "@/components/wizard/run/NotGathered";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import type { RunServer } from "@/lib/contracts/wizard-gather";
import { savedAnswers } from "./saved-answers";

type Page = "receive-connectors" | "send-connectors";

/** Why a server may not take this page's connector; null when it may. */
function whyNot(server: RunServer, page: Page, edge: boolean): string | null {
  if (edge && !server.edge)
    return "Not an Edge Transport server (Edge Transport is chosen on the transport page).";
  if (!edge && !server.mailbox)
    return server.edge ? "An Edge Transport server (Edge Transport is not chosen)." : "No Mailbox role.";
  if (page === "receive-connectors" && !server.frontendReceiveConnector) {
    return "No receive connector bound to port 25 for all IPv4 and IPv6 addresses (HCW8010).";
  }
  return null;
}

/** Receive or send connector servers: the HCW's two pages, one list of the organization's servers. */
export function ConnectorServersForm({ page }: { page: Page }) {
  const { run, gathered, saveAndNext, fieldErrors } = useWizardRun();
  const key = page === "receive-connectors" ? "receiveConnectors" : "sendConnectors";
  const edge = savedAnswers(run, "transport").edgeTransport ?? false;
  const eligible = gathered?.servers.filter((server) => whyNot(server, page, edge) === null) ?? [];
  const [chosen, setChosen] = useState<string[]>(
    savedAnswers(run, key).servers ?? eligible.map((server) => server.name),
  );
  if (!gathered) return <NotGathered />;
  const role = page === "receive-connectors" ? "receive mail from" : "send mail to";
  return (
    <form
      className="max-w-3xl space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        void saveAndNext(page, { servers: chosen });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="font-semibold text-slate-800">Servers that {role} Exchange Online</legend>
        {gathered.servers.map((server, index) => {
          const why = whyNot(server, page, edge);
          return (
            <div key={server.name}>
              <label className={`flex items-start gap-2 ${why ? "text-slate-600" : ""}`}>
                <input
                  type="checkbox"
                  checked={chosen.includes(server.name)}
                  disabled={why !== null}
                  aria-describedby={`server-about-${index}`}
                  onChange={(event) =>
                    setChosen((current) =>
                      event.target.checked
                        ? [...current, server.name]
                        : current.filter((name) => name !== server.name),
                    )
                  }
                />
                <span>
                  {server.name}
                  <span id={`server-about-${index}`} className="block text-sm">
                    {server.fqdn}, {server.version}
                    {why ? ` — ${why}` : ""}
                  </span>
                </span>
              </label>
              <FieldMessage errors={fieldErrors} path={`servers.${chosen.indexOf(server.name)}`} />
            </div>
          );
        })}
        <FieldMessage errors={fieldErrors} path="servers" />
      </fieldset>
      <PageActions page={page} />
    </form>
  );
}
