import { WizardStart } from "@/components/wizard/start/WizardStart";

export default function WizardStartPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-brand-900">Hybrid Configuration Wizard</h1>
      <p className="max-w-3xl text-slate-600">
        Each run keeps its answers page by page, so you or another admin of your organization can resume it
        from any browser. Nothing changes in Exchange until you confirm a run's plan.
      </p>
      <WizardStart />
    </div>
  );
}
