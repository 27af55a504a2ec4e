import Link from "next/link";
import { HeaderSession } from "@/components/auth/HeaderSession";

export function AppHeader({ version }: { version: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-3">
        <div className="flex items-baseline gap-6">
          <Link href="/" className="flex items-baseline gap-2">
            <span className="text-lg font-semibold text-brand-900">Hybrid Wizard</span>
            <span className="text-xs text-slate-500" title="Version">
              v{version}
            </span>
          </Link>
          <nav className="flex gap-4 text-sm text-slate-600">
            <Link href="/wizard" className="hover:text-brand-700">
              Wizard
            </Link>
            <Link href="/agents" className="hover:text-brand-700">
              Agents
            </Link>
            <Link href="/partner" className="hover:text-brand-700">
              Customers
            </Link>
            <Link href="/downloads" className="hover:text-brand-700">
              Downloads
            </Link>
            <Link href="/members" className="hover:text-brand-700">
              Members
            </Link>
            <Link href="/audit" className="hover:text-brand-700">
              Audit
            </Link>
            <Link href="/settings" className="hover:text-brand-700">
              Settings
            </Link>
          </nav>
        </div>
        <HeaderSession />
      </div>
    </header>
  );
}
