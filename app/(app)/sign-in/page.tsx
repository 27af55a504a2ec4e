import { SignInForm } from "@/components/auth/SignInForm";

export default function SignInPage() {
  return (
    <section className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-xl font-semibold text-brand-900">Sign in to Hybrid Wizard</h1>
      <p className="mt-2 text-sm text-slate-600">
        Use the Exchange Online admin account of your organization — a Global Administrator or Exchange
        Administrator. Multi-factor authentication works as usual.
      </p>
      <SignInForm />
    </section>
  );
}
