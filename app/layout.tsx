import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppFooter } from "@/components/AppFooter";
import { AppHeader } from "@/components/AppHeader";
import { APP_VERSION } from "@/lib/version";
import "./globals.css";

export const metadata: Metadata = {
  title: "Hybrid Wizard",
  description: "Connect an on-premises Exchange organization to Exchange Online, step by step.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <AppHeader version={APP_VERSION} />
        <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">{children}</main>
        <AppFooter version={APP_VERSION} />
      </body>
    </html>
  );
}
