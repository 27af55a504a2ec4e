"use client";

import { useState } from "react";
import { describedBy, FieldMessage } from "@/components/wizard/run/FieldMessage";
import { NotGathered } from "@/components/wizard/run/NotGathered";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import { savedAnswers } from "./saved-answers";

/** The HCW's Hybrid Domains: the accepted domains to share (verified in the tenant only) and the Autodiscover domain. */
export default function DomainsPage() {
  const { run, gathered, saveAndNext, fieldErrors } = useWizardRun();
  const saved = savedAnswers(run, "domains");
  const offered =
    gathered?.domains.filter((domain) => domain.unavailable === null).map((domain) => domain.domain) ?? [];
  const [chosen, setChosen] = useState<string[]>(saved.hybridDomains ?? offered);
  const [autodiscover, setAutodiscover] = useState(saved.autodiscoverDomain ?? chosen[0] ?? "");
  if (!gathered) return <NotGathered />;
  const toggle = (domain: string, on: boolean) =>
    setChosen((current) => (on ? [...current, domain] : current.filter((other) => other !== domain)));
  return (
    <form
      className="max-w-3xl space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        void saveAndNext("domains", { hybridDomains: chosen, autodiscoverDomain: autodiscover });
      }}
    >
      <fieldset className="space-y-2" {...describedBy(fieldErrors, "hybridDomains")}>
        <legend className="font-semibold text-slate-800">Domains to share with Exchange Online</legend>
        {gathered.domains.map(({ domain, unavailable }, index) => (
          <div key={domain}>
            <label className={`flex items-start gap-2 ${unavailable ? "text-slate-600" : ""}`}>
              <input
                type="checkbox"
                checked={chosen.includes(domain)}
                disabled={unavailable !== null}
                onChange={(event) => toggle(domain, event.target.checked)}
                aria-describedby={unavailable ? `domain-why-${index}` : undefined}
              />
              <span>
                {domain}
                {unavailable && (
                  <span id={`domain-why-${index}`} className="block text-sm">
                    {unavailable}
                  </span>
                )}
              </span>
            </label>
            <FieldMessage errors={fieldErrors} path={`hybridDomains.${chosen.indexOf(domain)}`} />
          </div>
        ))}
        <FieldMessage errors={fieldErrors} path="hybridDomains" />
      </fieldset>
      <div>
        <label htmlFor="autodiscover" className="block font-semibold text-slate-800">
          Autodiscover domain
        </label>
        <p id="autodiscover-help" className="text-sm text-slate-600">
          Exchange Online finds your servers through this domain's Autodiscover (free/busy, mailbox moves).
        </p>
        <select
          id="autodiscover"
          value={autodiscover}
          onChange={(event) => setAutodiscover(event.target.value)}
          className="mt-1 rounded border border-slate-300 px-2 py-1"
          aria-describedby="autodiscover-help"
          {...describedBy(fieldErrors, "autodiscoverDomain")}
        >
          {chosen.map((domain) => (
            <option key={domain} value={domain}>
              {domain}
            </option>
          ))}
        </select>
        <FieldMessage errors={fieldErrors} path="autodiscoverDomain" />
      </div>
      <PageActions page="domains" />
    </form>
  );
}
