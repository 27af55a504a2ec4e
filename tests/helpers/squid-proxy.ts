import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { findFreePort } from "@/lib/net/find-free-port";

// Debian's squid, as corporate networks run it: a real forward proxy that asks for a password
// (basic_ncsa_auth against an htpasswd file) and answers a wrong one with 407.
const SQUID = "/usr/sbin/squid";
const NCSA_AUTH = "/usr/lib/squid/basic_ncsa_auth";
const OPENSSL = "/usr/bin/openssl";

/** One line of squid's native access log. */
export type SquidAccess = {
  /** TCP_TUNNEL, TCP_DENIED, … */
  result: string;
  status: number;
  method: string;
  /** host:port for CONNECT */
  url: string;
  /** The user name the client sent ("-" for none), whether squid accepted it or not. */
  user: string;
};

export type SquidProxy = {
  port: number;
  /** http://USER:PASSWORD@127.0.0.1:PORT, percent-encoded as a proxy URL must be. */
  urlWith(user: string, password: string): string;
  accessLog(): Promise<SquidAccess[]>;
  stop(): Promise<void>;
};

async function assertInstalled(): Promise<void> {
  for (const file of [SQUID, NCSA_AUTH, OPENSSL]) {
    try {
      await access(file, constants.X_OK);
    } catch {
      // A missing proxy fails the test rather than skipping it: the proxy path must be proven.
      throw new Error(
        `${file} is missing: the authenticated-proxy tests need Debian's squid and openssl. ` +
          "Install them with: apt-get install squid openssl",
      );
    }
  }
}

/** An htpasswd line, hashed by openssl (apr1, which basic_ncsa_auth reads); the password goes on stdin. */
function htpasswdLine(user: string, password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(OPENSSL, ["passwd", "-apr1", "-stdin"], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(`${user}:${out.trim()}\n`) : reject(new Error(`openssl passwd failed: ${err}`)),
    );
    child.stdin.end(password);
  });
}

function squidConfig(port: number, directory: string): string {
  const file = (name: string) => path.join(directory, name);
  return `http_port 127.0.0.1:${port}
visible_hostname hybrid-wizard-test-proxy
pid_filename none
access_log stdio:${file("access.log")}
cache_log ${file("cache.log")}
cache_store_log none
cache deny all
cache_mem 8 MB
pinger_enable off
coredump_dir ${directory}
shutdown_lifetime 0 seconds
auth_param basic program ${NCSA_AUTH} ${file("htpasswd")}
auth_param basic children 2
auth_param basic realm hybrid-wizard-test
acl authenticated proxy_auth REQUIRED
http_access deny !authenticated
http_access allow authenticated
`;
}

function parseAccessLine(line: string): SquidAccess | undefined {
  // time elapsed client result/status bytes method url user hierarchy type
  const [, , , resultStatus, , method, url, user] = line.trim().split(/\s+/);
  if (!resultStatus || !method || !url || !user) return undefined;
  const [result = "", status = "0"] = resultStatus.split("/");
  return { result, status: Number(status), method, url, user };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Starts squid on a free loopback port, accepting only `user` with `password`. */
export async function startSquidProxy(options: { user: string; password: string }): Promise<SquidProxy> {
  await assertInstalled();
  const directory = await mkdtemp(path.join(tmpdir(), "hw-squid-"));
  const port = await findFreePort();
  await writeFile(path.join(directory, "htpasswd"), await htpasswdLine(options.user, options.password));
  await writeFile(path.join(directory, "squid.conf"), squidConfig(port, directory));
  // Started as root, squid works as the `proxy` user: it must be able to read the folder and
  // password file and write its logs. Nothing secret is in them (a test password's hash).
  await chmod(directory, 0o755);
  for (const log of ["access.log", "cache.log"]) {
    await writeFile(path.join(directory, log), "");
    await chmod(path.join(directory, log), 0o666);
  }
  await chmod(path.join(directory, "htpasswd"), 0o644);

  const child = spawn(SQUID, ["-N", "-f", path.join(directory, "squid.conf")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk) => {
      output += chunk;
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });

  const deadline = Date.now() + 20_000;
  while (!(await canConnect(port))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      child.kill("SIGKILL");
      const log = await readFile(path.join(directory, "cache.log"), "utf8").catch(() => "");
      throw new Error(`squid did not start (exit ${exitCode}):\n${output}\n${log.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    port,
    urlWith: (user, password) =>
      `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    async accessLog() {
      const text = await readFile(path.join(directory, "access.log"), "utf8");
      return text
        .split("\n")
        .map(parseAccessLine)
        .filter((entry) => entry !== undefined);
    },
    async stop() {
      if (exitCode === undefined) {
        child.kill("SIGTERM");
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The environment that sends the agent through `proxyUrl` for an http:// server, and nothing else. */
export function proxyEnvFor(proxyUrl: string): Record<string, string> {
  // Lower-case variables win over upper-case ones: blank them so the test's own environment cannot interfere.
  return { HTTP_PROXY: proxyUrl, http_proxy: "", NO_PROXY: "", no_proxy: "" };
}
