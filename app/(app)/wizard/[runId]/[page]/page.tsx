import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WizardRunPage } from "@/components/wizard/run/WizardRunPage";
import { WizardRunProvider } from "@/components/wizard/run/WizardRunProvider";
import { ZWizardPageIdSchema, ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";
import { pageTitle } from "@/lib/wizard/wizard-pages";

type Params = { params: Promise<{ runId: string; page: string }> };

/** The tab's title, and what Next's route announcer reads to a screen reader on each page change. */
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const page = ZWizardPageIdSchema.safeParse((await params).page);
  return { title: page.success ? `${pageTitle(page.data)} — Hybrid Wizard` : "Hybrid Wizard" };
}

// /wizard/<runId>/<page>: a URL an admin may share with another admin of the tenant. Both parts
// are checked here, before anything renders, so a malformed run id or an unknown page is a 404.
export default async function WizardRunPageRoute({ params }: Params) {
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
