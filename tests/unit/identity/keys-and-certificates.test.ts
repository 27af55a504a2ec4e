import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { calculateJwkThumbprint } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSigningKeys } from "@/simulators/identity/tokens/signing-keys";
import { ensureLocalCa } from "@/simulators/tls/local-ca";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "identity-unit-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("signing keys", () => {
  it("use the RFC 7638 thumbprint as kid and survive a restart", async () => {
    const file = path.join(dir, "keys.json");
    const first = await loadSigningKeys({ file, retiredKeyRetentionSeconds: 60 });
    const signer = first.current();
    expect(signer.kid).toBe(await calculateJwkThumbprint(signer, "sha256"));
    const reloaded = await loadSigningKeys({ file, retiredKeyRetentionSeconds: 60 });
    expect(reloaded.current().kid).toBe(signer.kid);
  });

  it("publish no private parts", async () => {
    const keys = await loadSigningKeys({ file: path.join(dir, "keys.json"), retiredKeyRetentionSeconds: 60 });
    expect(Object.keys(keys.publicJwks().keys[0] ?? {}).sort()).toEqual([
      "alg",
      "e",
      "kid",
      "kty",
      "n",
      "use",
    ]);
  });

  it("after rotation sign with the new key and publish the old one until its retention ends", async () => {
    let now = Date.UTC(2026, 0, 1);
    const keys = await loadSigningKeys({
      file: path.join(dir, "keys.json"),
      retiredKeyRetentionSeconds: 600,
      now: () => new Date(now),
    });
    const old = keys.current().kid;
    const { kid } = await keys.rotate();
    expect(keys.current().kid).toBe(kid);
    expect(keys.publicJwks().keys.map((k) => k.kid)).toEqual([kid, old]);
    now += 600_000;
    expect(keys.publicJwks().keys.map((k) => k.kid)).toEqual([kid]);
  });
});

describe("local CA", () => {
  it("issues a server certificate for the hosts, signed by the CA, and reuses it", async () => {
    const ca = await ensureLocalCa(dir);
    const issued = await ca.issueServerCertificate(["localhost", "127.0.0.1", "127.0.0.2"]);
    const cert = new X509Certificate(issued.certPem);
    expect(cert.verify(new X509Certificate(ca.caCertPem).publicKey)).toBe(true);
    expect(cert.checkIP("127.0.0.2")).toBe("127.0.0.2");
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(await readFile(ca.caCertPath, "utf8")).toBe(ca.caCertPem);
    const again = await (await ensureLocalCa(dir)).issueServerCertificate([
      "127.0.0.2",
      "localhost",
      "127.0.0.1",
    ]);
    expect(again.certPem).toBe(issued.certPem);
  });

  it("keeps a certificate per set of hosts, so simulators can share the CA", async () => {
    const ca = await ensureLocalCa(dir);
    const identity = await ca.issueServerCertificate(["127.0.0.1"]);
    const exchange = await ca.issueServerCertificate(["127.0.0.1", "127.0.0.4"]);
    expect(exchange.certPem).not.toBe(identity.certPem);
    expect(new X509Certificate(exchange.certPem).checkIP("127.0.0.4")).toBe("127.0.0.4");
    expect((await ca.issueServerCertificate(["127.0.0.1"])).certPem).toBe(identity.certPem);
  });

  it("gives the SPKI hash Chromium expects for the server key", async () => {
    const ca = await ensureLocalCa(dir);
    const issued = await ca.issueServerCertificate(["127.0.0.1"]);
    const spki = new X509Certificate(issued.certPem).publicKey.export({ type: "spki", format: "der" });
    const { createHash } = await import("node:crypto");
    expect(issued.spkiSha256Base64).toBe(createHash("sha256").update(spki).digest("base64"));
  });
});
