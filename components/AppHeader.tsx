import Link from "next/link";

export function AppHeader({ version }: { version: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-3">
        <Link href="/" className="flex items-baseline gap-2">
          <span className="text-lg font-semibold text-brand-900">Hybrid Wizard</span>
          <span className="text-xs text-slate-500" title="Version">
            v{version}
          </span>
        </Link>
        <div className="text-sm text-slate-500" data-testid="signed-in-user">
          Not signed in
        </div>
      </div>
    </header>
  );
}
