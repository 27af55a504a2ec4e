import Link from "next/link";

export function AppFooter({ version }: { version: string }) {
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-4 text-sm text-slate-500">
        <span>Hybrid Wizard {version}</span>
        <nav className="flex gap-6">
          <Link href="/downloads" className="text-brand-600 hover:underline">
            Download the agent
          </Link>
          <Link href="/release-notes" className="text-brand-600 hover:underline">
            Release notes
          </Link>
        </nav>
      </div>
    </footer>
  );
}
