import type { ReactNode } from "react";
import { AppFooter } from "@/components/AppFooter";
import { AppHeader } from "@/components/AppHeader";
import { SessionProvider } from "@/components/auth/SessionProvider";
import { APP_VERSION } from "@/lib/version";

// Every page a person uses shares the session; the sign-in redirect page (app/auth) stays outside.
export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <AppHeader version={APP_VERSION} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">{children}</main>
      <AppFooter version={APP_VERSION} />
    </SessionProvider>
  );
}
