import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CloudName } from "@/simulators/identity/clouds";
import { DEMO_APP_SECRETS, DEMO_USER, findDemoSignIn } from "@/simulators/identity/demo-sign-in";
import { verifySecret } from "@/simulators/identity/directory/hash-secret";
import {
  DEFAULT_DIRECTORY_FILE,
  DirectoryFileError,
  loadDirectory,
  parseDirectory,
} from "@/simulators/identity/directory/load-directory";

const shipped = JSON.parse(await readFile(DEFAULT_DIRECTORY_FILE, "utf8"));
const directory = await loadDirectory();

const tenant = (domain: string) => {
  const found = directory.findTenant(domain);
  if (!found) throw new Error(`${domain} missing`);
  return found;
};

describe("the shipped directory", () => {
  it("has the tenants every cloud and the partner scenario need", () => {
    expect(tenant("contoso.onmicrosoft.com").cloud).toBe("Worldwide");
    expect(tenant("fabrikam.onmicrosoft.com").cloud).toBe("Worldwide");
    expect(tenant("woodgrovepartners.onmicrosoft.com").cloud).toBe("Worldwide");
    expect(directory.tenants.map((t) => t.cloud)).toEqual(
      expect.arrayContaining(["China21Vianet", "UsGovGccHigh", "UsGovDod"]),
    );
  });

  it("has the users the scenarios need in Contoso", () => {
    const users = tenant("contoso.onmicrosoft.com").users;
    const demo = users.find((u) => u.userPrincipalName === DEMO_USER.userPrincipalName);
    expect(demo?.directoryRoles).toContain("GlobalAdministrator");
    expect(demo?.totpSecret).toBeDefined();
    expect(users.some((u) => u.directoryRoles.includes("ExchangeAdministrator") && !u.totpSecret)).toBe(true);
    expect(users.some((u) => u.directoryRoles.length === 0)).toBe(true);
  });

  it("registers the app in every cloud", () => {
    for (const cloud of ["Worldwide", "China21Vianet", "UsGovGccHigh", "UsGovDod"] as const) {
      expect(directory.applications.some((app) => app.clouds.includes(cloud))).toBe(true);
    }
  });

  it("finds a tenant by id or by initial domain, in any case", () => {
    const contoso = tenant("contoso.onmicrosoft.com");
    expect(directory.findTenant(contoso.tenantId)).toBe(contoso);
    expect(directory.findTenant("Contoso.OnMicrosoft.com")).toBe(contoso);
  });

  it("lets a partner's user into a customer tenant with the relationship's roles only", () => {
    const identity = directory.findIdentity(tenant("contoso.onmicrosoft.com"), {
      userPrincipalName: "PATTI@woodgrovepartners.onmicrosoft.com",
    });
    expect(identity?.viaPartnerRelationship).toBe(true);
    expect(identity?.homeTenant.initialDomain).toBe("woodgrovepartners.onmicrosoft.com");
    expect(identity?.directoryRoles).toEqual(["ExchangeAdministrator"]);
    expect(
      directory.findIdentity(tenant("tailspincn.partner.onmschina.cn"), {
        userPrincipalName: "patti@woodgrovepartners.onmicrosoft.com",
      }),
    ).toBeUndefined();
  });

  it("keeps the demo sign-in printable with the documented password", async () => {
    const demo = await findDemoSignIn(directory);
    expect(demo.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
  });

  it("accepts the demo app secrets npm start gives the web app, in every cloud", async () => {
    for (const [cloud, secret] of Object.entries(DEMO_APP_SECRETS)) {
      const apps = directory.applications.filter((app) => app.clouds.includes(cloud as CloudName));
      expect(apps, cloud).toHaveLength(1);
      expect(await verifySecret(secret, apps[0]?.clientSecretHash ?? ""), cloud).toBe(true);
    }
  });

  it("matches every demo password documented in docs/IDENTITY-DIRECTORY.md", async () => {
    const doc = await readFile(path.join(import.meta.dirname, "../../../docs/IDENTITY-DIRECTORY.md"), "utf8");
    // Cells may be padded (the formatter aligns table columns).
    const rows = [...doc.matchAll(/^\|[^|]+\|\s*(\S+@\S+)\s*\|\s*`([^`]+)`\s*\|/gm)];
    const users = directory.tenants.flatMap((t) => t.users);
    expect(rows.map((row) => row[1]).sort()).toEqual(users.map((u) => u.userPrincipalName).sort());
    for (const [, upn, password] of rows) {
      const user = users.find((u) => u.userPrincipalName === upn);
      expect(await verifySecret(password ?? "", user?.passwordHash ?? ""), upn).toBe(true);
    }
  });
});

describe("directory validation", () => {
  const copy = () => structuredClone(shipped);

  it("names the problem and where it is", () => {
    const broken = copy();
    broken.tenants[0].users[0].objectId = "not-a-guid";
    expect(() => parseDirectory(broken)).toThrow(/tenants\.0\.users\.0\.objectId: must be a lower-case GUID/);
  });

  it("refuses a user object id used twice", () => {
    const broken = copy();
    broken.tenants[1].users[0].objectId = broken.tenants[0].users[0].objectId;
    expect(() => parseDirectory(broken)).toThrow(DirectoryFileError);
  });

  it("refuses a password stored in plain text", () => {
    const broken = copy();
    broken.tenants[0].users[0].passwordHash = "Contoso-Demo-1!";
    expect(() => parseDirectory(broken)).toThrow(/passwordHash/);
  });

  it("refuses a partner relationship across clouds", () => {
    const broken = copy();
    const china = broken.tenants.find((t: { cloud: string }) => t.cloud === "China21Vianet");
    broken.partnerRelationships[0].customerTenantId = china.tenantId;
    expect(() => parseDirectory(broken)).toThrow(/same cloud/);
  });

  it("refuses an unknown directory role", () => {
    const broken = copy();
    broken.tenants[0].users[0].directoryRoles = ["Emperor"];
    expect(() => parseDirectory(broken)).toThrow(/directoryRoles/);
  });
});
