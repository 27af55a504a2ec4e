import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { z } from "zod";

// The token signing keys, kept in the data directory so tokens stay verifiable across restarts.
// Rotation makes a new key the signer; the old one stays published until tokens it signed are gone.

const ALGORITHM = "RS256";

const ZPrivateRsaJwk = z.looseObject({
  kty: z.literal("RSA"),
  kid: z.string().min(1),
  n: z.string(),
  e: z.string(),
  d: z.string(),
  p: z.string(),
  q: z.string(),
  dp: z.string(),
  dq: z.string(),
  qi: z.string(),
});

const ZKeyFile = z.object({
  keys: z
    .array(
      z.object({
        jwk: ZPrivateRsaJwk,
        createdAt: z.iso.datetime(),
        retiredAt: z.iso.datetime().optional(),
      }),
    )
    .min(1),
});

type KeyFile = z.infer<typeof ZKeyFile>;
export type PrivateSigningJwk = z.infer<typeof ZPrivateRsaJwk> & { alg: typeof ALGORITHM; use: "sig" };

export interface SigningKeys {
  /** The key that signs from now on. */
  current(): PrivateSigningJwk;
  /** The signer and the retired keys still within their retention: what the JWKS endpoints publish. */
  publicJwks(): { keys: JWK[] };
  rotate(): Promise<{ kid: string }>;
}

export interface SigningKeyOptions {
  file: string;
  /** How long a retired key stays published; longer than any token it signed lives. */
  retiredKeyRetentionSeconds: number;
  now?: () => Date;
}

export async function loadSigningKeys({
  file,
  retiredKeyRetentionSeconds,
  now = () => new Date(),
}: SigningKeyOptions): Promise<SigningKeys> {
  let state = (await readKeyFile(file)) ?? {
    keys: [{ jwk: await createKey(), createdAt: now().toISOString() }],
  };
  await writeKeyFile(file, state);

  const published = () =>
    state.keys.filter(
      (key) =>
        !key.retiredAt || now().getTime() - Date.parse(key.retiredAt) < retiredKeyRetentionSeconds * 1000,
    );

  return {
    current() {
      const signer = state.keys.find((key) => !key.retiredAt) ?? state.keys[0]!;
      return { ...signer.jwk, alg: ALGORITHM, use: "sig" };
    },
    publicJwks() {
      return {
        keys: published().map(({ jwk: { kty, kid, n, e } }) => ({
          kty,
          use: "sig",
          alg: ALGORITHM,
          kid,
          n,
          e,
        })),
      };
    },
    async rotate() {
      const at = now().toISOString();
      const fresh = { jwk: await createKey(), createdAt: at };
      const kept = published().map((key) => ({ ...key, retiredAt: key.retiredAt ?? at }));
      state = { keys: [fresh, ...kept] };
      await writeKeyFile(file, state);
      return { kid: fresh.jwk.kid };
    },
  };
}

async function createKey(): Promise<z.infer<typeof ZPrivateRsaJwk>> {
  const { privateKey } = await generateKeyPair(ALGORITHM, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  // RFC 7638 thumbprint as the key id, as Entra-like validators expect a stable kid per key.
  return ZPrivateRsaJwk.parse({ ...jwk, kid: await calculateJwkThumbprint(jwk, "sha256") });
}

async function readKeyFile(file: string): Promise<KeyFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return ZKeyFile.parse(JSON.parse(text));
}

async function writeKeyFile(file: string, state: KeyFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}
