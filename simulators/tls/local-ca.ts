// @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect metadata API.
import "reflect-metadata";
import { createHash, webcrypto } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import path from "node:path";
import * as x509 from "@peculiar/x509";

// A certificate authority that exists only on this machine, so the simulators can speak HTTPS
// (MSAL refuses http:// authorities). Nothing here is meant for a real deployment.

const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);

const KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING_ALGORITHM = { name: "ECDSA", hash: "SHA-256" } as const;
const CA_VALIDITY_DAYS = 3650;
const SERVER_VALIDITY_DAYS = 365;
/** A server certificate this close to expiry is issued anew instead of reused. */
const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 86_400_000;

const FILES = {
  caCert: "ca-cert.pem",
  caKey: "ca-key.pem",
  /** One certificate per set of hosts, so several simulators can share the CA directory. */
  serverCert: (hosts: string[]) => `server-${hostSetId(hosts)}-cert.pem`,
  serverKey: (hosts: string[]) => `server-${hostSetId(hosts)}-key.pem`,
} as const;

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
  /** base64 SHA-256 of the server key's SubjectPublicKeyInfo: Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256Base64: string;
}

export interface LocalCa {
  caCertPem: string;
  /** Give this to Node as NODE_EXTRA_CA_CERTS when the process starts. */
  caCertPath: string;
  issueServerCertificate(hosts: string[]): Promise<ServerCertificate>;
}

interface CaMaterial {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

/** Loads the CA kept in `dir`, creating it on first use. */
export async function ensureLocalCa(dir: string): Promise<LocalCa> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = (await loadCa(dir)) ?? (await createCa(dir));
  const caCertPem = ca.cert.toString("pem");
  return {
    caCertPem,
    caCertPath: path.join(dir, FILES.caCert),
    issueServerCertificate: (hosts) => ensureServerCertificate(dir, ca, hosts),
  };
}

async function loadCa(dir: string): Promise<CaMaterial | undefined> {
  const certPem = await readOptional(path.join(dir, FILES.caCert));
  const keyPem = await readOptional(path.join(dir, FILES.caKey));
  if (!certPem || !keyPem) return undefined;
  const cert = new x509.X509Certificate(certPem);
  const privateKey = await importPrivateKey(keyPem);
  const publicKey = await cert.publicKey.export(KEY_ALGORITHM, ["verify"], crypto);
  return { cert, keys: { privateKey, publicKey } };
}

async function createCa(dir: string): Promise<CaMaterial> {
  const keys = await generateKeys();
  const notBefore = new Date(Date.now() - DAY_MS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: "CN=Hybrid Wizard Local Development CA, O=Hybrid Wizard simulators",
    notBefore,
    notAfter: new Date(notBefore.getTime() + CA_VALIDITY_DAYS * DAY_MS),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  await writeAtomically(path.join(dir, FILES.caKey), await exportPrivateKey(keys.privateKey));
  await writeAtomically(path.join(dir, FILES.caCert), cert.toString("pem"));
  return { cert, keys };
}

async function ensureServerCertificate(
  dir: string,
  ca: CaMaterial,
  hosts: string[],
): Promise<ServerCertificate> {
  const certPath = path.join(dir, FILES.serverCert(hosts));
  const keyPath = path.join(dir, FILES.serverKey(hosts));
  const certPem = await readOptional(certPath);
  const keyPem = await readOptional(keyPath);
  if (certPem && keyPem && (await isReusable(new x509.X509Certificate(certPem), ca, hosts))) {
    return describeServerCertificate(certPem, keyPem);
  }

  const keys = await generateKeys();
  const notBefore = new Date(Date.now() - DAY_MS);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${hosts[0] ?? "localhost"}`,
    issuer: ca.cert.subject,
    notBefore,
    notAfter: new Date(notBefore.getTime() + SERVER_VALIDITY_DAYS * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(hosts.map(toGeneralName)),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  const newKeyPem = await exportPrivateKey(keys.privateKey);
  const newCertPem = cert.toString("pem");
  await writeAtomically(keyPath, newKeyPem);
  await writeAtomically(certPath, newCertPem);
  return describeServerCertificate(newCertPem, newKeyPem);
}

async function isReusable(cert: x509.X509Certificate, ca: CaMaterial, hosts: string[]): Promise<boolean> {
  if (cert.notAfter.getTime() - Date.now() < RENEW_BEFORE_DAYS * DAY_MS) return false;
  if (!(await cert.verify({ publicKey: ca.keys.publicKey, signatureOnly: true }, crypto))) return false;
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const covered = new Set(san?.names.items.map((name) => name.value.toLowerCase()) ?? []);
  return hosts.every((host) => covered.has(host.toLowerCase()));
}

function describeServerCertificate(certPem: string, keyPem: string): ServerCertificate {
  const spki = Buffer.from(new x509.X509Certificate(certPem).publicKey.rawData);
  return { certPem, keyPem, spkiSha256Base64: createHash("sha256").update(spki).digest("base64") };
}

function hostSetId(hosts: string[]): string {
  const canonical = [...new Set(hosts.map((host) => host.toLowerCase()))].sort().join(",");
  return createHash("sha256").update(canonical).digest("hex").slice(0, 12);
}

function toGeneralName(host: string): x509.JsonGeneralName {
  return isIP(host) ? { type: "ip", value: host } : { type: "dns", value: host };
}

function generateKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(KEY_ALGORITHM, true, ["sign", "verify"]);
}

async function exportPrivateKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey("pkcs8", key));
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join("\n")}\n-----END PRIVATE KEY-----\n`;
}

function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
  return crypto.subtle.importKey("pkcs8", der, KEY_ALGORITHM, true, ["sign"]);
}

function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // A positive serial: the top bit must be clear.
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString("hex");
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Readers never see half a file, even when two processes start at once. */
async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, file);
}
