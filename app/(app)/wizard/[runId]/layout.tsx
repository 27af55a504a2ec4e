import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { WizardRunProvider } from "@/components/wizard/run/WizardRunProvider";
import { ZWizardRunParamsSchema } from "@/lib/contracts/wizard-runs";

// The run's pages share one provider, so Next and Back keep the run (and its version) in hand.
export default async function WizardRunLayout({
  params,
  children,
}: {
  params: Promise<{ runId: string }>;
  children: ReactNode;
}) {
  const parsed = ZWizardRunParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  return <WizardRunProvider runId={parsed.data.runId}>{children}</WizardRunProvider>;
}
