import { CredentialsCheck } from "@/components/wizard/CredentialsCheck";

// Both credentials checked outside a run: where sign-in lands, and where an admin checks the agent
// and the Exchange Online connection before starting. A run's own Credentials page saves them.
export default function CredentialsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-brand-900">Credentials</h1>
      <p className="mb-6 max-w-3xl text-slate-600">
        Hybrid Wizard works on two sides: your on-premises Exchange organization, through the agent you
        paired, and Exchange Online, as the admin signed in here.
      </p>
      <CredentialsCheck />
    </div>
  );
}
