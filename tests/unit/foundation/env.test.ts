import { afterEach, describe, expect, it, vi } from "vitest";
import { EnvError, getDnsEnv, getStartEnv, getWebServerEnv } from "@/lib/env";

describe("getStartEnv", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults to port 3000 and the embedded database under .data", () => {
    vi.stubEnv("PORT", undefined);
    vi.stubEnv("DATABASE_URL", undefined);
    vi.stubEnv("DATA_DIR", undefined);
    const env = getStartEnv();
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: ".data" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("puts the demo's identity provider, Exchange Online and Graph next to PORT unless told otherwise", () => {
    vi.stubEnv("PORT", "4000");
    vi.stubEnv("IDENTITY_PORT", undefined);
    vi.stubEnv("EXCHANGE_ONLINE_PORT", undefined);
    vi.stubEnv("GRAPH_PORT", undefined);
    expect(getStartEnv()).toMatchObject({
      PORT: 4000,
      IDENTITY_PORT: 4001,
      EXCHANGE_ONLINE_PORT: 4002,
      GRAPH_PORT: 4003,
    });
    vi.stubEnv("IDENTITY_PORT", "8443");
    expect(getStartEnv()).toMatchObject({ IDENTITY_PORT: 8443, EXCHANGE_ONLINE_PORT: 4002 });
  });

  it("refuses two services on one port, naming both", () => {
    vi.stubEnv("PORT", "4000");
    vi.stubEnv("EXCHANGE_ONLINE_PORT", "4001");
    vi.stubEnv("IDENTITY_PORT", undefined);
    expect(() => getStartEnv()).toThrow(
      "EXCHANGE_ONLINE_PORT: EXCHANGE_ONLINE_PORT is 4001, the same port as IDENTITY_PORT",
    );
    vi.stubEnv("GRAPH_PORT", "4002");
    vi.stubEnv("EXCHANGE_ONLINE_PORT", undefined);
    expect(() => getStartEnv()).toThrow(
      "GRAPH_PORT: GRAPH_PORT is 4002, the same port as EXCHANGE_ONLINE_PORT",
    );
    vi.stubEnv("GRAPH_PORT", undefined);
    vi.stubEnv("PORT", "65535");
    expect(() => getStartEnv()).toThrow("IDENTITY_PORT would be 65536 (PORT + 1)");
  });

  it("says which variable is wrong and what a right value looks like", () => {
    vi.stubEnv("PORT", "eighty");
    expect(() => getStartEnv()).toThrow(EnvError);
    expect(() => getStartEnv()).toThrow("PORT: PORT must be a port number, e.g. PORT=3000");
  });

  it("refuses a port out of range and a DATABASE_URL that is not a URL", () => {
    vi.stubEnv("PORT", "70000");
    vi.stubEnv("DATABASE_URL", "localhost:5432");
    const message = (() => {
      try {
        getStartEnv();
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain("PORT must be between 1 and 65535");
    expect(message).toContain("DATABASE_URL must be a postgresql:// URL");
  });
});

describe("getDnsEnv", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("uses the machine's resolvers unless DNS_RESOLVERS names others", () => {
    vi.stubEnv("DNS_RESOLVERS", undefined);
    expect(getDnsEnv().DNS_RESOLVERS).toEqual([]);
    vi.stubEnv("DNS_RESOLVERS", "1.1.1.1, 127.0.0.1:5353,[::1]:53");
    expect(getDnsEnv().DNS_RESOLVERS).toEqual(["1.1.1.1", "127.0.0.1:5353", "[::1]:53"]);
  });

  it("refuses a host name, saying an IP address is needed", () => {
    vi.stubEnv("DNS_RESOLVERS", "dns.google");
    expect(() => getDnsEnv()).toThrow(/DNS_RESOLVERS.*IP address/s);
  });
});

describe("getWebServerEnv", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("waits 60 s for a whole request and 15 s for its headers unless told otherwise", () => {
    vi.stubEnv("HTTP_REQUEST_TIMEOUT_SECONDS", undefined);
    vi.stubEnv("HTTP_HEADERS_TIMEOUT_SECONDS", undefined);
    expect(getWebServerEnv()).toEqual({ HTTP_REQUEST_TIMEOUT_SECONDS: 60, HTTP_HEADERS_TIMEOUT_SECONDS: 15 });
  });

  it("refuses a headers timeout longer than the request's, naming both", () => {
    vi.stubEnv("HTTP_REQUEST_TIMEOUT_SECONDS", "10");
    vi.stubEnv("HTTP_HEADERS_TIMEOUT_SECONDS", "20");
    expect(() => getWebServerEnv()).toThrow(
      /HTTP_HEADERS_TIMEOUT_SECONDS must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS/,
    );
  });
});
