import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Hybrid Wizard",
  description: "Connect an on-premises Exchange organization to Exchange Online, step by step.",
  icons: { icon: "/favicon.svg" },
};

// Every page is rendered per request, so that its scripts carry the nonce of its own policy (proxy.ts).
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">{children}</body>
    </html>
  );
}
