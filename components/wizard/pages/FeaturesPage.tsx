"use client";

import { useState } from "react";
import { describedBy, FieldMessage } from "@/components/wizard/run/FieldMessage";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import { savedAnswers } from "./saved-answers";

/** The HCW's Hybrid Features: Minimal or Full, Organization Configuration Transfer, the migration endpoint. */
export default function FeaturesPage() {
  const { run, saveAndNext, fieldErrors } = useWizardRun();
  const saved = savedAnswers(run, "features");
  const [hybrid, setHybrid] = useState(saved.hybrid ?? "full");
  const [transfer, setTransfer] = useState(saved.organizationConfigurationTransfer ?? false);
  const [migrationEndpoint, setMigrationEndpoint] = useState(saved.migrationEndpoint ?? true);
  return (
    <form
      className="max-w-3xl space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        void saveAndNext("features", {
          hybrid,
          organizationConfigurationTransfer: transfer,
          migrationEndpoint,
        });
      }}
    >
      <fieldset className="space-y-2" {...describedBy(fieldErrors, "hybrid")}>
        <legend className="font-semibold text-slate-800">Hybrid configuration</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="hybrid" checked={hybrid === "full"} onChange={() => setHybrid("full")} />
          <span>
            Full hybrid configuration
            <span className="block text-sm text-slate-600">
              Free/busy, MailTips, secure mail flow, OAuth and mailbox moves between both sides.
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="hybrid"
            checked={hybrid === "minimal"}
            onChange={() => setHybrid("minimal")}
          />
          <span>
            Minimal hybrid configuration
            <span className="block text-sm text-slate-600">
              Only what mailbox moves need: no organization relationships, connectors or OAuth.
            </span>
          </span>
        </label>
        <FieldMessage errors={fieldErrors} path="hybrid" />
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-semibold text-slate-800">Features</legend>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            checked={migrationEndpoint}
            onChange={(event) => setMigrationEndpoint(event.target.checked)}
          />
          <span>
            Migration endpoint
            <span className="block text-sm text-slate-600">
              Creates Exchange Online's endpoint for remote mailbox moves; it needs an on-premises account
              (next page).
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="checkbox" checked={transfer} onChange={(event) => setTransfer(event.target.checked)} />
          <span>
            Organization Configuration Transfer
            <span className="block text-sm text-slate-600">
              Recorded with the run; copying policies to Exchange Online is not part of the plan yet.
            </span>
          </span>
        </label>
      </fieldset>
      <PageActions page="features" />
    </form>
  );
}
