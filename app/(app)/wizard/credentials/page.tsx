import { CredentialsPanel } from "@/components/wizard/CredentialsPanel";
import { WizardPage } from "@/components/wizard/WizardPage";

export default function CredentialsPage() {
  return (
    <WizardPage current="credentials" title="Credentials">
      <p className="mb-6 max-w-3xl text-slate-600">
        Hybrid Wizard works on two sides: your on-premises Exchange organization, through the agent you
        paired, and Exchange Online, as the admin signed in here.
      </p>
      <CredentialsPanel />
    </WizardPage>
  );
}
