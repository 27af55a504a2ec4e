import { afterEach, describe, expect, it, vi } from "vitest";
import { clientAddress } from "@/lib/http/client-address";
import { FORWARDED_FOR } from "@/lib/http/forwarded-for";

// The chain as the web server hands it on: what the caller (and proxies) sent, then the socket's.
const addressOf = (chain: string) => clientAddress((name) => (name === FORWARDED_FOR ? chain : null));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the caller's address", () => {
  it("is the connection's when no proxy is trusted, whatever the caller wrote", () => {
    vi.stubEnv("TRUSTED_PROXY_HOPS", "");
    expect(addressOf("127.0.0.1")).toBe("127.0.0.1");
    expect(addressOf("203.0.113.9, 127.0.0.1")).toBe("127.0.0.1");
    expect(addressOf("203.0.113.9, 198.51.100.1, ::ffff:10.0.0.7")).toBe("10.0.0.7");
    expect(addressOf("::1")).toBe("::1");
  });

  it("behind trusted proxies, is the entry the outermost one appended, counted from the right", () => {
    vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
    expect(addressOf("203.0.113.9, 10.0.0.2")).toBe("203.0.113.9");
    // What the caller put before it is ignored.
    expect(addressOf("1.1.1.1, 2.2.2.2, 203.0.113.9, 10.0.0.2")).toBe("203.0.113.9");
    vi.stubEnv("TRUSTED_PROXY_HOPS", "2");
    expect(addressOf("1.1.1.1, 203.0.113.9, 10.0.0.3, 10.0.0.2")).toBe("203.0.113.9");
  });

  it("takes the first entry of a chain shorter than the trusted hops (a request that came past them)", () => {
    vi.stubEnv("TRUSTED_PROXY_HOPS", "2");
    expect(addressOf("10.0.0.2")).toBe("10.0.0.2");
  });

  it("accepts the forms proxies write (ports, brackets, upper case) and says unknown for what is not an IP", () => {
    vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
    expect(addressOf("203.0.113.9:51234, 10.0.0.2")).toBe("203.0.113.9");
    expect(addressOf("[2001:DB8::1]:443, 10.0.0.2")).toBe("2001:db8::1");
    expect(addressOf("2001:db8::1, 10.0.0.2")).toBe("2001:db8::1");
    for (const forged of ["evil.example", "<script>", "", "999.1.1.1", "unknown"]) {
      expect(addressOf(`${forged}, 10.0.0.2`), forged).toBe("unknown");
    }
  });

  it("refuses a setting that is not a number of proxies, saying what to write", () => {
    vi.stubEnv("TRUSTED_PROXY_HOPS", "yes");
    expect(() => addressOf("127.0.0.1")).toThrow(/TRUSTED_PROXY_HOPS must be a whole number of proxies/);
  });
});
