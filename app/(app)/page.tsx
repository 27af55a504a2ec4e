import Link from "next/link";

const STEPS = [
  "Detect your on-premises Exchange servers and choose your Office 365 cloud",
  "Sign in with your admin account (MFA works) and pair an on-premises agent",
  "Choose hybrid features, domains, transport and certificates",
  "Review the plan: every object to create or change, on both sides, before anything changes",
  "Let the service apply it, and follow the live log",
];

export default function HomePage() {
  return (
    <div className="space-y-8">
      <section className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold text-brand-900">
          Exchange hybrid, configured from your browser
        </h1>
        <p className="mt-3 max-w-3xl text-slate-600">
          Hybrid Wizard connects an on-premises Exchange organization to Exchange Online, as Microsoft's
          Hybrid Configuration Wizard does — with multi-factor sign-in, a plan you review before anything
          changes, a small agent that only connects out, and safe re-runs.
        </p>
        <Link
          href="/wizard"
          className="mt-6 inline-block rounded bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700"
        >
          Start the wizard
        </Link>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h2 className="text-lg font-semibold">How it works</h2>
        <ol className="mt-4 list-decimal space-y-2 pl-6 text-slate-700">
          {STEPS.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </section>
    </div>
  );
}
