import Link from "next/link";

// The app's own 404: Next's default one styles itself with inline style attributes, which the
// page policy (proxy.ts) refuses.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-3xl flex-1 px-6 py-16">
      <h1 className="text-2xl font-semibold text-brand-900">404: this page does not exist</h1>
      <p className="mt-3 text-slate-600">
        The address names no page of Hybrid Wizard. A wizard run's address is /wizard/&lt;run
        id&gt;/&lt;page&gt;, as the Start page links it.
      </p>
      <Link href="/wizard" className="mt-6 inline-block text-brand-700 underline">
        Your wizard runs
      </Link>
    </main>
  );
}
