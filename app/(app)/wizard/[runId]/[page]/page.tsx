import { notFound } from "next/navigation";
import { WizardRunPage } from "@/components/wizard/run/WizardRunPage";
import { ZWizardPageIdSchema } from "@/lib/contracts/wizard-runs";

// /wizard/<runId>/<page>: a URL an admin may share with another admin of the tenant.
export default async function WizardRunPageRoute({ params }: { params: Promise<{ page: string }> }) {
  const page = ZWizardPageIdSchema.safeParse((await params).page);
  if (!page.success) notFound();
  return <WizardRunPage page={page.data} />;
}
