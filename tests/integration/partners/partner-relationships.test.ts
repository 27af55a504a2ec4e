import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { type ActingPartner, actingPartner } from "@/lib/partners/acting-partner";
import { addCustomer } from "@/lib/partners/relationships/add-customer";
import { listRelationships } from "@/lib/partners/relationships/list-relationships";
import { setRelationshipStatus } from "@/lib/partners/relationships/set-relationship-status";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { changeTenantPartner } from "@/lib/tenants/members/change-tenant-partner";
import { listMembers } from "@/lib/tenants/members/list-members";
import { type GraphScenario, startGraphScenario } from "@/tests/integration/graph/graph-scenario";
import { ACCOUNTS, tenantOf } from "@/tests/integration/identity/scenario";

// Woodgrove Partners' admin (Patti) adds customers on the Customers page, against the identity and
// Graph simulators: each relationship is checked in Graph's list of Woodgrove's GDAP relationships
// (roles, end) and by a token from the customer's own authority before anything is stored. Adatum's
// relationship gives only Global Reader, Wingtip has none; Fabrikam's ends in 21 days.

let scenario: GraphScenario;
let acting: UserActingContext;
let partner: ActingPartner;

const add = (customer: string, role: "owner" | "operator" | "viewer" = "operator") =>
  addCustomer({ db: scenario.db, acting, partner, request: { customer, role } });

async function refusalOf(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  scenario = await startGraphScenario();
  acting = await scenario.actingOf(ACCOUNTS.patti);
  partner = await actingPartner({ db: scenario.db, acting });
});

afterAll(async () => {
  await scenario?.stop();
});

describe("adding a customer", () => {
  it("by domain: records the GDAP roles, what they lack for the hybrid application, and the lapse ahead", async () => {
    const fabrikam = await add("fabrikam.onmicrosoft.com");
    expect(fabrikam).toMatchObject({
      displayName: "Fabrikam",
      status: "active",
      role: "operator",
      gdapRoles: ["ExchangeAdministrator", "GlobalReader"],
      gaps: [
        { work: "appRegistration", missing: "Application Administrator" },
        { work: "consent", missing: "Privileged Role Administrator" },
      ],
    });
    expect(fabrikam.lapsesInDays).toBeGreaterThanOrEqual(20);
    expect(fabrikam.lapsesInDays).toBeLessThanOrEqual(21);
    const audit = await scenario.db.auditEvent.findFirst({
      where: { action: "partner.customer_added", targetId: fabrikam.tenantId },
    });
    expect(audit?.actorUpn).toBe(ACCOUNTS.patti.username);
  });

  it("by tenant id, far from its end", async () => {
    const contoso = await add(tenantOf(scenario.idp, ACCOUNTS.adele.domain).tenantId, "viewer");
    // The demo added Contoso as operator: checked again, it keeps that role (the customer's to change).
    expect(contoso).toMatchObject({ displayName: "Contoso", role: "operator", lapsesInDays: null });
    const days = (new Date(contoso.expiresAt ?? 0).getTime() - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(540);
  });

  it("refuses, storing nothing, a relationship without Exchange Administrator, one that does not exist, and a domain no tenant has", async () => {
    const adatum = await refusalOf(add("adatum.onmicrosoft.com"));
    expect(adatum.code).toBe("validation_failed");
    expect(adatum.message).toContain("carries no Exchange Administrator role");
    expect(adatum.message).toContain("(the relationship gives: Global Reader)");

    const wingtip = await refusalOf(add("wingtiptoys.onmicrosoft.com"));
    expect(wingtip.message).toContain(
      "Woodgrove Partners has no active delegated admin (GDAP) relationship with wingtiptoys.onmicrosoft.com",
    );

    const nowhere = await refusalOf(add("nosuchtenant.onmicrosoft.com"));
    expect(nowhere.message).toContain(
      "No Worldwide (Office 365) tenant has the domain nosuchtenant.onmicrosoft.com",
    );

    const itself = await refusalOf(add(ACCOUNTS.patti.domain));
    expect(itself.message).toContain("is Woodgrove Partners itself");

    const names = (await listRelationships({ db: scenario.db, partner })).relationships.map(
      (relationship) => relationship.displayName,
    );
    expect(names).toEqual(["Contoso", "Fabrikam"]);
  });
});

describe("a relationship's status", () => {
  it("is suspended, resumed and ended; an ended one is added again, not resumed", async () => {
    const { relationships } = await listRelationships({ db: scenario.db, partner });
    const fabrikam = relationships.find((relationship) => relationship.displayName === "Fabrikam");
    if (!fabrikam) throw new Error("Fabrikam is not listed");
    const set = (status: "active" | "suspended" | "ended") =>
      setRelationshipStatus({
        db: scenario.db,
        acting,
        partner,
        relationshipId: fabrikam.id,
        request: { status },
      });

    expect((await set("suspended")).status).toBe("suspended");
    expect((await set("active")).status).toBe("active");
    expect((await set("ended")).status).toBe("ended");
    const resumed = await refusalOf(set("active"));
    expect(resumed.code).toBe("conflict");
    expect(resumed.message).toContain("add the customer again");
    expect((await add("fabrikam.onmicrosoft.com")).status).toBe("active");

    const actions = await scenario.db.auditEvent.findMany({
      where: { targetId: fabrikam.tenantId, action: { startsWith: "partner.customer_" } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((row) => row.action)).toEqual([
      "partner.customer_added",
      "partner.customer_suspended",
      "partner.customer_resumed",
      "partner.customer_ended",
      "partner.customer_added",
    ]);
  });

  it("is not another partner's to change", async () => {
    const { relationships } = await listRelationships({ db: scenario.db, partner });
    const other = { ...partner, partnerId: crypto.randomUUID() };
    const refused = await refusalOf(
      setRelationshipStatus({
        db: scenario.db,
        acting,
        partner: other,
        relationshipId: relationships[0]!.id,
        request: { status: "ended" },
      }),
    );
    expect(refused.code).toBe("not_found");
  });
});

describe("the customer's say", () => {
  it("sets the most the partner may do and suspends it; the partner can neither resume nor re-check that away", async () => {
    const adele = await scenario.actingOf(ACCOUNTS.adele);
    const { relationships } = await listRelationships({ db: scenario.db, partner });
    const contoso = relationships.find((relationship) => relationship.displayName === "Contoso");
    if (!contoso) throw new Error("Contoso is not listed");
    const change = (request: { role?: "viewer"; status?: "active" | "suspended" }, as = adele) =>
      changeTenantPartner({ db: scenario.db, acting: as, relationshipId: contoso.id, request });

    expect(await change({ role: "viewer", status: "suspended" })).toMatchObject({
      partnerName: "Woodgrove Partners",
      role: "viewer",
      status: "suspended",
      suspendedByCustomer: true,
    });
    const resumed = await refusalOf(
      setRelationshipStatus({
        db: scenario.db,
        acting,
        partner,
        relationshipId: contoso.id,
        request: { status: "active" },
      }),
    );
    expect(resumed.message).toContain("Contoso suspended your access there: only its owners can resume it");
    expect(await add("contoso.onmicrosoft.com", "owner")).toMatchObject({
      role: "viewer",
      status: "suspended",
      suspendedByCustomer: true,
    });
    // A technician of the partner, acting in Contoso, cannot lift it either.
    const refused = await refusalOf(
      change({ status: "active" }, { ...adele, actor: { ...adele.actor, partnerId: partner.partnerId } }),
    );
    expect(refused.details).toMatchObject({ reason: "partner_cannot_change_own_access" });

    expect(await change({ status: "active" })).toMatchObject({
      status: "active",
      suspendedByCustomer: false,
    });
    const listed = await listMembers({ db: scenario.db, acting: adele });
    expect(listed.partners).toEqual([
      expect.objectContaining({ partnerName: "Woodgrove Partners", role: "viewer", status: "active" }),
    ]);
  });
});
