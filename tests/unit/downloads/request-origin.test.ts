import { describe, expect, it } from "vitest";
import { requestOrigin } from "@/lib/http/request-origin";

const behindLoadBalancer = (headers: Record<string, string>) => requestOrigin(new Headers(headers), 1);
const direct = (headers: Record<string, string>) => requestOrigin(new Headers(headers), 0);

describe("the address shown in the pair command", () => {
  it("behind a proxy the operator declared, is the one the proxy says the request came to", () => {
    expect(
      behindLoadBalancer({
        host: "10.0.0.5:3000",
        "x-forwarded-host": "wizard.contoso.com",
        "x-forwarded-proto": "https",
      }),
    ).toBe("https://wizard.contoso.com");
    expect(behindLoadBalancer({ host: "localhost:3000", "x-forwarded-proto": "http" })).toBe(
      "http://localhost:3000",
    );
    expect(behindLoadBalancer({ host: "[::1]:3000", "x-forwarded-proto": "http,https" })).toBe(
      "http://[::1]:3000",
    );
    expect(behindLoadBalancer({ host: "wizard.contoso.com" })).toBe("https://wizard.contoso.com");
  });

  it("with no proxy declared, ignores the caller's X-Forwarded headers and uses Host", () => {
    expect(
      direct({ host: "localhost:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }),
    ).toBe("http://localhost:3000");
    expect(direct({ host: "127.0.0.1:3000" })).toBe("http://127.0.0.1:3000");
    expect(direct({ host: "wizard.contoso.com", "x-forwarded-proto": "http" })).toBe(
      "https://wizard.contoso.com",
    );
  });

  it("shows nothing odd from a spoofed Host", () => {
    expect(direct({ host: "evil.example; rm -rf ~" })).toBeUndefined();
    expect(direct({ host: "wizard.contoso.com/path" })).toBeUndefined();
    expect(behindLoadBalancer({ host: "x", "x-forwarded-host": "evil.example/../" })).toBeUndefined();
    expect(direct({})).toBeUndefined();
  });
});
