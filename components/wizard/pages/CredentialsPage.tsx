"use client";

import { CredentialsPanel } from "@/components/wizard/CredentialsPanel";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";

/** The HCW's Credentials: both cards; Next saves which agent and which admin the run uses. */
export default function CredentialsPage() {
  const { saveAndNext } = useWizardRun();
  return (
    <div className="max-w-4xl">
      <p className="mb-6 text-slate-600">
        Hybrid Wizard works on two sides: your on-premises Exchange organization, through the agent you
        paired, and Exchange Online, as the admin signed in here.
      </p>
      <CredentialsPanel
        actions={(ready) => (
          <PageActions
            page="credentials"
            nextDisabled={!ready}
            onNext={() => ready && void saveAndNext("credentials", ready)}
          />
        )}
      />
    </div>
  );
}
