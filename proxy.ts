import { type NextRequest, NextResponse } from "next/server";
import { identityOrigins } from "@/lib/auth/identity-origins";
import { getServerEnv } from "@/lib/env";
import { pageCsp } from "@/lib/http/security-headers";

// Pages only, each with a fresh nonce: Next reads it from the request's policy and puts it on the
// scripts it renders. API routes are left out on purpose: Next buffers a request's body for a
// proxy, and the API reads bodies itself, bounded (lib/http/read-json-body.ts).

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageCsp({
    nonce,
    identityOrigins: identityOrigins(),
    https: request.headers.get("x-forwarded-proto") === "https" || request.nextUrl.protocol === "https:",
    development: getServerEnv().NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon).*)",
      // Prefetches are answered from what the page already loaded; they need no policy of their own.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
