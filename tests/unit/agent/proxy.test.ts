import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProxySettings } from "@/agent/agent-env";
import { AgentServerError, ProxyRefusedError, ServerUnreachableError } from "@/agent/http/agent-http-errors";
import { createAgentClient } from "@/agent/http/create-agent-client";
import {
  decideProxy,
  describeProxyDecision,
  findNoProxyMatch,
  maskProxyUrl,
  ProxyConfigError,
  parseProxyUrl,
} from "@/agent/http/proxy";

const server = new URL("https://wizard.contoso.com/");
const proxySetting = (value: string, source = "HTTPS_PROXY") => ({ value, source });

describe("proxy settings", () => {
  it("never shows the proxy password, but keeps the user name and address", () => {
    const url = parseProxyUrl(proxySetting("http://svc-agent:S3cr%40t!@proxy.corp:3128"));
    expect(maskProxyUrl(url)).toBe("http://svc-agent:****@proxy.corp:3128");
    expect(maskProxyUrl(parseProxyUrl(proxySetting("proxy.corp")))).toBe("http://proxy.corp:80");
    const described = describeProxyDecision(decideProxy(server, { httpsProxy: proxySetting(url.href) }));
    expect(described).toBe("http://svc-agent:****@proxy.corp:3128 (from HTTPS_PROXY)");
    expect(described).not.toContain("S3cr");
  });

  it("does not repeat a malformed proxy URL, which may hold a password", () => {
    expect(() => parseProxyUrl(proxySetting("http://user:pa ss@[bad"))).toThrow(ProxyConfigError);
    expect(() => parseProxyUrl(proxySetting("http://user:pa ss@[bad"))).not.toThrow(/pa ss/);
    expect(() => parseProxyUrl(proxySetting("socks5://proxy:1080"))).toThrow(/http:\/\/ or https:\/\//);
  });

  it("matches NO_PROXY entries by host, domain suffix, port and wildcard", () => {
    const target = (text: string) => new URL(text);
    expect(findNoProxyMatch(target("https://wizard.contoso.com/"), "localhost, .contoso.com")).toBe(
      ".contoso.com",
    );
    expect(findNoProxyMatch(target("https://wizard.contoso.com/"), "*.contoso.com")).toBe("*.contoso.com");
    expect(findNoProxyMatch(target("https://contoso.com/"), "contoso.com")).toBe("contoso.com");
    expect(findNoProxyMatch(target("https://WIZARD.Contoso.com/"), "wizard.contoso.com")).toBe(
      "wizard.contoso.com",
    );
    expect(findNoProxyMatch(target("https://notcontoso.com/"), "contoso.com")).toBeUndefined();
    expect(
      findNoProxyMatch(target("https://wizard.contoso.com/"), "wizard.contoso.com:8443"),
    ).toBeUndefined();
    expect(findNoProxyMatch(target("https://wizard.contoso.com:8443/"), "wizard.contoso.com:8443")).toBe(
      "wizard.contoso.com:8443",
    );
    expect(findNoProxyMatch(target("https://wizard.contoso.com/"), "wizard.contoso.com:443")).toBe(
      "wizard.contoso.com:443",
    );
    expect(findNoProxyMatch(target("http://127.0.0.1:3000/"), "127.0.0.1")).toBe("127.0.0.1");
    expect(findNoProxyMatch(target("http://[::1]:3000/"), "[::1]")).toBe("[::1]");
    expect(findNoProxyMatch(target("https://anything.example/"), "*")).toBe("*");
    expect(findNoProxyMatch(target("https://anything.example/"), "")).toBeUndefined();
  });

  it("chooses HTTPS_PROXY for the https server, falls back to HTTP_PROXY, and goes direct when exempted", () => {
    const settings: ProxySettings = {
      httpsProxy: proxySetting("http://secure-proxy:3128"),
      httpProxy: proxySetting("http://plain-proxy:8080", "HTTP_PROXY"),
    };
    expect(decideProxy(server, settings)).toMatchObject({ kind: "proxy", source: "HTTPS_PROXY" });
    expect(decideProxy(server, { httpProxy: settings.httpProxy })).toMatchObject({
      kind: "proxy",
      source: "HTTP_PROXY",
    });
    expect(decideProxy(server, {})).toEqual({ kind: "direct", why: "no HTTPS_PROXY or HTTP_PROXY is set" });
    const exempt = decideProxy(server, { ...settings, noProxy: proxySetting("contoso.com", "no_proxy") });
    expect(describeProxyDecision(exempt)).toBe(
      'none — direct connection (no_proxy entry "contoso.com" matches wizard.contoso.com)',
    );
  });
});

describe("requests through an authenticating proxy", () => {
  // A minimal forward proxy on loopback: CONNECT with the right Basic credentials is tunnelled,
  // anything else gets 407, as squid answers.
  const basic = (userAndPassword: string) => `Basic ${Buffer.from(userAndPassword).toString("base64")}`;
  const expected = basic("svc-agent:p@ss:word");
  const seen: (string | undefined)[] = [];
  let proxy: http.Server;
  let target: http.Server;
  let proxyPort: number;
  let targetPort: number;

  beforeAll(async () => {
    target = http.createServer((_request, response) => {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { code: "not_found", message: "reached the target" } }));
    });
    proxy = http.createServer((_request, response) => response.writeHead(405).end());
    proxy.on("connect", (request: http.IncomingMessage, socket: net.Socket) => {
      seen.push(request.headers["proxy-authorization"]);
      if (request.headers["proxy-authorization"] !== expected) {
        // Debian's tinyproxy (1.11) answers a wrong password with 401 rather than 407.
        const status =
          request.headers["proxy-authorization"] === basic("svc-agent:tinyproxy")
            ? "401 Unauthorized"
            : "407 Proxy Authentication Required";
        socket.end(`HTTP/1.1 ${status}\r\nProxy-Authenticate: Basic realm="corp"\r\n\r\n`);
        return;
      }
      const [host, port] = (request.url ?? "").split(":");
      const upstream = net.connect(Number(port), host, () => {
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.pipe(socket).pipe(upstream);
      });
      upstream.on("error", () => socket.destroy());
      socket.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    targetPort = (target.address() as AddressInfo).port;
    proxyPort = (proxy.address() as AddressInfo).port;
  });

  afterAll(async () => {
    proxy.closeAllConnections();
    target.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await new Promise((resolve) => target.close(resolve));
  });

  const clientWith = (proxyUrl: string) =>
    createAgentClient({
      serverUrl: `http://127.0.0.1:${targetPort}/`,
      credential: `hwa1.agent.${"A".repeat(43)}`,
      proxySettings: { httpProxy: { value: proxyUrl, source: "HTTP_PROXY" } },
    });

  it("sends the credentials from the proxy URL as Proxy-Authorization Basic and reaches the server", async () => {
    const client = clientWith(`http://svc-agent:p%40ss%3Aword@127.0.0.1:${proxyPort}`);
    try {
      const error = await client.whoami().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AgentServerError);
      expect((error as AgentServerError).message).toBe("reached the target");
      expect(seen.at(-1)).toBe(expected);
    } finally {
      await client.close();
    }
  });

  it("explains a 407 refusal without printing the password", async () => {
    const client = clientWith(`http://svc-agent:wrong-password@127.0.0.1:${proxyPort}`);
    try {
      const error = await client.whoami().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProxyRefusedError);
      const message = (error as Error).message;
      expect(message).toContain(
        `the proxy at 127.0.0.1:${proxyPort} refused the credentials in HTTP_PROXY (407)`,
      );
      expect(message).toContain("No job is lost");
      expect(message).not.toContain("wrong-password");
    } finally {
      await client.close();
    }
  });

  it("reads a 401 from the proxy (as older tinyproxy sends) as a credentials refusal too", async () => {
    const client = clientWith(`http://svc-agent:tinyproxy@127.0.0.1:${proxyPort}`);
    try {
      await expect(client.whoami()).rejects.toThrow(
        `the proxy at 127.0.0.1:${proxyPort} refused the credentials in HTTP_PROXY (401)`,
      );
    } finally {
      await client.close();
    }
  });

  it("says how to add credentials when the proxy asks for them and none are set", async () => {
    const client = clientWith(`http://127.0.0.1:${proxyPort}`);
    try {
      await expect(client.whoami()).rejects.toThrow(
        /requires a user name and password \(407\)\. Set HTTP_PROXY=http:\/\/USER:PASSWORD@/,
      );
    } finally {
      await client.close();
    }
  });

  it("names the proxy when the proxy itself cannot be reached", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = clientWith(`http://127.0.0.1:${port}`);
    try {
      const error = await client.whoami().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ServerUnreachableError);
      expect((error as Error).message).toBe(
        `cannot reach the proxy at 127.0.0.1:${port} (from HTTP_PROXY): the connection was refused (nothing listening, or a firewall) (ECONNREFUSED)`,
      );
    } finally {
      await client.close();
    }
  });
});
