import Link from "next/link";
import { WizardPage } from "@/components/wizard/WizardPage";

export default function GatheringConfigurationPage() {
  return (
    <WizardPage current="configuration" title="Gathering configuration">
      <p className="max-w-3xl text-slate-600">
        Both credentials are in place. Gathering the current configuration of your on-premises organization
        and of Exchange Online is the next page of the wizard, and is not available in this version yet.
      </p>
      <Link href="/wizard/credentials" className="mt-6 inline-block text-brand-700 underline">
        Back to Credentials
      </Link>
    </WizardPage>
  );
}
