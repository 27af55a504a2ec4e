import { describe, expect, it } from "vitest";
import { requestOrigin } from "@/lib/http/request-origin";

const origin = (headers: Record<string, string>) => requestOrigin(new Headers(headers));

describe("the address shown in the pair command", () => {
  it("is the one the load balancer says the request came to, else the Host header", () => {
    expect(
      origin({
        host: "10.0.0.5:3000",
        "x-forwarded-host": "wizard.contoso.com",
        "x-forwarded-proto": "https",
      }),
    ).toBe("https://wizard.contoso.com");
    expect(origin({ host: "localhost:3000", "x-forwarded-proto": "http" })).toBe("http://localhost:3000");
    expect(origin({ host: "[::1]:3000", "x-forwarded-proto": "http,https" })).toBe("http://[::1]:3000");
  });

  it("assumes https when the protocol is not said, and shows nothing odd from a spoofed Host", () => {
    expect(origin({ host: "wizard.contoso.com" })).toBe("https://wizard.contoso.com");
    expect(origin({ host: "evil.example; rm -rf ~" })).toBeUndefined();
    expect(origin({ host: "wizard.contoso.com/path" })).toBeUndefined();
    expect(origin({})).toBeUndefined();
  });
});
