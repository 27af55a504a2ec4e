import { notFound } from "next/navigation";
import { WizardRunPage } from "@/components/wizard/run/WizardRunPage";
import { WizardRunProvider } from "@/components/wizard/run/WizardRunProvider";
import { ZWizardPageIdSchema, ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";

// /wizard/<runId>/<page>: a URL an admin may share with another admin of the tenant. Both parts
// are checked here, before anything renders, so a malformed run id or an unknown page is a 404.
export default async function WizardRunPageRoute({
  params,
}: {
  params: Promise<{ runId: string; page: string }>;
}) {
  const { runId, page } = await params;
  const run = ZWizardRunParamsSchema.safeParse({ runId });
  const id = ZWizardPageIdSchema.safeParse(page);
  if (!run.success || !id.success) notFound();
  return (
    <WizardRunProvider runId={run.data.runId}>
      <WizardRunPage page={id.data} />
    </WizardRunProvider>
  );
}
