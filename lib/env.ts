import { z } from "zod";

// The one place that reads process.env. Each process parses what it needs once.

const PostgresUrl = z
  .string()
  .regex(
    /^postgres(ql)?:\/\/\S+$/,
    "DATABASE_URL must be a postgresql:// URL, e.g. postgresql://user:password@host:5432/db",
  );

const LogLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

const ZServerEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set: the web app needs a PostgreSQL connection string" })
    .pipe(PostgresUrl),
  LOG_LEVEL: LogLevel.default("info"),
});

const ZClientAddressEnv = z.object({
  /**
   * How many proxies in front of the web app append to X-Forwarded-For (a load balancer: 1). The
   * caller's address is that many entries from the right of the chain; 0 (unset): the connection's.
   */
  TRUSTED_PROXY_HOPS: z.coerce
    .number({ error: "TRUSTED_PROXY_HOPS must be a whole number of proxies, e.g. TRUSTED_PROXY_HOPS=1" })
    .int("TRUSTED_PROXY_HOPS must be a whole number of proxies, e.g. TRUSTED_PROXY_HOPS=1")
    .min(0, "TRUSTED_PROXY_HOPS must be 0 or more")
    .max(10, "TRUSTED_PROXY_HOPS is at most 10")
    .default(0),
});
export type ClientAddressEnv = z.infer<typeof ZClientAddressEnv>;

const portNumber = (name: string, example: number) =>
  z.coerce
    .number({ error: `${name} must be a port number, e.g. ${name}=${example}` })
    .int()
    .min(1, `${name} must be between 1 and 65535`)
    .max(65535, `${name} must be between 1 and 65535`);

const ZStartEnvFields = z.object({
  PORT: portNumber("PORT", 3000).default(3000),
  /** The demo's identity provider, Exchange Online and Graph simulators; unset: PORT + 1, + 2 and + 3. */
  IDENTITY_PORT: portNumber("IDENTITY_PORT", 3001).optional(),
  EXCHANGE_ONLINE_PORT: portNumber("EXCHANGE_ONLINE_PORT", 3002).optional(),
  GRAPH_PORT: portNumber("GRAPH_PORT", 3003).optional(),
  /** Unset: npm start runs an embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: PostgresUrl.optional(),
  DATA_DIR: z.string().default(".data"),
  LOG_LEVEL: LogLevel.default("info"),
  /** CAs this machine already trusts beyond Node's own (e.g. a company proxy's): kept for the web app. */
  NODE_EXTRA_CA_CERTS: z.string().optional(),
});

const ZStartEnv = ZStartEnvFields
  // Fixed ports, so the sign-in URLs a browser has seen stay valid across restarts.
  .transform((env) => ({
    ...env,
    IDENTITY_PORT: env.IDENTITY_PORT ?? env.PORT + 1,
    EXCHANGE_ONLINE_PORT: env.EXCHANGE_ONLINE_PORT ?? env.PORT + 2,
    GRAPH_PORT: env.GRAPH_PORT ?? env.PORT + 3,
  }))
  .superRefine((env, ctx) => {
    const ports = [
      ["PORT", env.PORT],
      ["IDENTITY_PORT", env.IDENTITY_PORT],
      ["EXCHANGE_ONLINE_PORT", env.EXCHANGE_ONLINE_PORT],
      ["GRAPH_PORT", env.GRAPH_PORT],
    ] as const;
    for (const [index, [name, port]] of ports.entries()) {
      if (port > 65535) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} would be ${port} (PORT + ${index}): choose a lower PORT or set ${name}`,
        });
      }
      const clash = ports.slice(0, index).find(([, other]) => other === port);
      if (clash) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} is ${port}, the same port as ${clash[0]}: each needs its own`,
        });
      }
    }
  });

const ZQueueEnv = ZServerEnv.pick({ DATABASE_URL: true }).extend({
  /** An agent's hold on a job: renewed by its heartbeats, the job goes back to the queue when it runs out. */
  AGENT_LEASE_SECONDS: z.coerce.number().int().min(10, "AGENT_LEASE_SECONDS must be at least 10").default(30),
  /**
   * The shortest rest between two of the upkeep's passes over the queues: a lapsed lease is noticed
   * within this of running out. Each pass costs every queue (a tenant's, an agent's), so from a few
   * thousand queues on the passes rest longer, in proportion (lib/jobs/upkeep-pace.ts).
   */
  QUEUE_MONITOR_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(10),
  /** How long a poll is held open when no job is waiting. */
  AGENT_POLL_HOLD_SECONDS: z.coerce.number().min(0.1).max(55).default(30),
});

/** `host`, `host:port` or `[ipv6]:port`, as Node's dns.Resolver#setServers takes them. */
const DnsServer = z
  .string()
  .trim()
  .regex(
    /^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|[0-9A-Fa-f:]+|\[[0-9A-Fa-f:]+\](:\d{1,5})?)$/,
    "each DNS_RESOLVERS entry must be an IP address, optionally with :port, e.g. DNS_RESOLVERS=1.1.1.1,8.8.8.8",
  );
const ZDnsEnv = z.object({
  /**
   * The resolvers that check domain proofs (federation TXT records), comma-separated. Unset: the
   * machine's own. A public resolver sees what Microsoft will see, past any split-brain DNS.
   */
  DNS_RESOLVERS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").filter((entry) => entry.trim() !== "") : []))
    .pipe(z.array(DnsServer)),
});
/**
 * How long the web server waits for a request to arrive: a client that sends its headers or body
 * slowly is dropped after these, so slow senders cannot hold connections open. Only the request
 * is timed: a held poll or event stream, which has sent all of its request, is not affected.
 */
const ZWebServerEnv = z
  .object({
    /** The whole request, body included: 60 s lets the largest body (a job result) arrive at ~1.2 Mbit/s. */
    HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(60),
    HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(15),
  })
  .refine((env) => env.HTTP_HEADERS_TIMEOUT_SECONDS <= env.HTTP_REQUEST_TIMEOUT_SECONDS, {
    path: ["HTTP_HEADERS_TIMEOUT_SECONDS"],
    message: "HTTP_HEADERS_TIMEOUT_SECONDS must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS",
  });
export type WebServerEnv = z.infer<typeof ZWebServerEnv>;

const ZDownloadsEnv = z.object({
  /** Where the built agent (hybrid-agent.mjs) is served from; npm install and npm start build it there. */
  DOWNLOADS_DIR: z.string().min(1).default("dist/downloads"),
});

/**
 * Per national cloud: where its Entra authority is, the app registration the service uses there
 * (sovereign clouds need their own), and where its Exchange Online is reached. Defaults are
 * Microsoft's hosts; the local demo points them at the simulators. A cloud without a client id is
 * not offered. Microsoft Graph is reached at CLOUD_<KEY>_GRAPH_URL (Microsoft's Graph host by default),
 * Security & Compliance at CLOUD_<KEY>_COMPLIANCE_URL (its ConnectionUri host by default).
 */
const CLOUD_ENV_KEYS = ["WORLDWIDE", "CHINA", "GCCHIGH", "DOD"] as const;
export type CloudEnvKey = (typeof CLOUD_ENV_KEYS)[number];
const HttpsUrl = z
  .url({ protocol: /^https$/, error: "must be an https:// URL, e.g. https://login.microsoftonline.com" })
  .transform((url) => url.replace(/\/+$/, ""));
const ZCloudEnv = z.object(
  Object.fromEntries(
    CLOUD_ENV_KEYS.flatMap((key) => [
      [`CLOUD_${key}_AUTHORITY_URL`, HttpsUrl.optional()],
      [
        `CLOUD_${key}_CLIENT_ID`,
        z.uuid(`CLOUD_${key}_CLIENT_ID must be the app registration's client id (a GUID)`).optional(),
      ],
      [`CLOUD_${key}_CLIENT_SECRET`, z.string().min(1).optional()],
      [`CLOUD_${key}_EXCHANGE_URL`, HttpsUrl.optional()],
      [`CLOUD_${key}_GRAPH_URL`, HttpsUrl.optional()],
      [`CLOUD_${key}_COMPLIANCE_URL`, HttpsUrl.optional()],
    ]),
  ) as Record<
    `CLOUD_${CloudEnvKey}_${"AUTHORITY_URL" | "CLIENT_ID" | "CLIENT_SECRET" | "EXCHANGE_URL" | "GRAPH_URL" | "COMPLIANCE_URL"}`,
    z.ZodOptional<z.ZodString>
  >,
);
export type CloudEnv = z.infer<typeof ZCloudEnv>;

/**
 * Keys that encrypt the on-behalf-of token cache at rest (AES-256-GCM): comma-separated
 * `keyId:base64(32 bytes)`. The first encrypts; all decrypt, so after a rotation entries written
 * with an older key stay readable until they are rewritten with the new one.
 */
export interface TokenCacheKey {
  id: string;
  key: Buffer;
}
const TOKEN_CACHE_KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;
const TOKEN_CACHE_KEYS_EXAMPLE = "e.g. TOKEN_CACHE_KEYS=k1:$(openssl rand -base64 32)";
const ZTokenCacheEnv = z.object({
  TOKEN_CACHE_KEYS: z
    .string({
      error: `TOKEN_CACHE_KEYS is not set: the service needs a key to encrypt its token cache and sign the agents' job leases, ${TOKEN_CACHE_KEYS_EXAMPLE}`,
    })
    .transform((value, ctx) => {
      const keys: TokenCacheKey[] = [];
      for (const [index, raw] of value.split(",").entries()) {
        const [id = "", material = ""] = raw.trim().split(/:(.*)/s);
        // Messages name the entry and its id, never the key material.
        let problem: string | undefined;
        if (!TOKEN_CACHE_KEY_ID.test(id) || !raw.includes(":")) {
          problem = `entry ${index + 1} must be keyId:base64-key, the id made of letters, digits, ".", "_" or "-" (${TOKEN_CACHE_KEYS_EXAMPLE})`;
        } else if (!BASE64_32_BYTES.test(material)) {
          problem = `key "${id}" must be 32 bytes in base64 (44 characters, as openssl rand -base64 32 prints)`;
        } else if (keys.some((key) => key.id === id)) {
          problem = `key id "${id}" appears more than once`;
        }
        if (problem) ctx.addIssue({ code: "custom", message: problem });
        else keys.push({ id, key: Buffer.from(material, "base64") });
      }
      return keys;
    }),
});
export type TokenCacheEnv = z.infer<typeof ZTokenCacheEnv>;

/**
 * Where the partner dashboard's email alerts go out: an SMTP server as a URL
 * (`smtp://user:password@host:587`, `smtps://…:465` for TLS from the start), and the From address.
 * Unset: alerts go to webhooks only.
 */
const ZAlertMailEnv = z.object({
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error: "SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587",
    })
    .optional(),
  ALERT_FROM: z
    .email("ALERT_FROM must be an email address, e.g. hybrid-wizard@example.com")
    .default("hybrid-wizard@localhost"),
});
export type AlertMailEnv = z.infer<typeof ZAlertMailEnv>;

/**
 * The name of every variable read here. The server's configuration stays on the server: a test
 * fails when one of these names is found in the browser's bundle (tests/integration/foundation/
 * client-bundle.test.ts), the sign that a client component imports this file.
 */
export const ENV_VARIABLE_NAMES: readonly string[] = [
  ...new Set(
    [ZServerEnv, ZStartEnvFields, ZQueueEnv, ZDownloadsEnv, ZCloudEnv, ZTokenCacheEnv, ZAlertMailEnv].flatMap(
      (schema) => Object.keys(schema.shape),
    ),
  ),
];

export type ServerEnv = z.infer<typeof ZServerEnv>;
export type QueueEnv = z.infer<typeof ZQueueEnv>;
export type StartEnv = z.infer<typeof ZStartEnv>;
export type DownloadsEnv = z.infer<typeof ZDownloadsEnv>;
export type DnsEnv = z.infer<typeof ZDnsEnv>;

export class EnvError extends Error {}

function parseEnv<T extends z.ZodType>(schema: T, source: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`The environment is not valid:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

let serverEnv: ServerEnv | undefined;

/** Logging is configured apart from the rest so that a bad DATABASE_URL can still be logged. */
export function getLogLevel(): z.infer<typeof LogLevel> {
  return parseEnv(z.object({ LOG_LEVEL: LogLevel.default("info") }), process.env).LOG_LEVEL;
}

export function getServerEnv(): ServerEnv {
  serverEnv ??= parseEnv(ZServerEnv, process.env);
  return serverEnv;
}

/** Not memoized, like the token cache keys: one key parses in microseconds. */
export function getClientAddressEnv(): ClientAddressEnv {
  return parseEnv(ZClientAddressEnv, process.env);
}

let queueEnv: QueueEnv | undefined;

export function getQueueEnv(): QueueEnv {
  queueEnv ??= parseEnv(ZQueueEnv, process.env);
  return queueEnv;
}

let cloudEnv: CloudEnv | undefined;

export function getCloudEnv(): CloudEnv {
  cloudEnv ??= parseEnv(ZCloudEnv, process.env);
  return cloudEnv;
}

/** Not memoized: a handful of keys parse in microseconds, and each use sees the current value. */
export function getTokenCacheEnv(): TokenCacheEnv {
  return parseEnv(ZTokenCacheEnv, process.env);
}

export function getStartEnv(): StartEnv {
  return parseEnv(ZStartEnv, process.env);
}

export function getWebServerEnv(): WebServerEnv {
  return parseEnv(ZWebServerEnv, process.env);
}

export function getDownloadsEnv(): DownloadsEnv {
  return parseEnv(ZDownloadsEnv, process.env);
}

export function getDnsEnv(): DnsEnv {
  return parseEnv(ZDnsEnv, process.env);
}

/** Not memoized: tests point it at their own SMTP server. */
export function getAlertMailEnv(): AlertMailEnv {
  return parseEnv(ZAlertMailEnv, process.env);
}
