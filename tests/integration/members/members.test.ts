import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Tenant, User } from "@/lib/generated/prisma/client";
import { addMember } from "@/lib/tenants/members/add-member";
import { changeMemberRole } from "@/lib/tenants/members/change-member-role";
import { listMembers } from "@/lib/tenants/members/list-members";
import { removeMember } from "@/lib/tenants/members/remove-member";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";
import { userActing } from "@/tests/helpers/user-acting";

// Members of a tenant, through lib/ against real PostgreSQL: the first member ends the directory
// roles' fallback and keeps the owner adding it; the last owner can be neither removed nor
// demoted, also when two owners remove each other at the same moment.

let databaseServer: TestDatabaseServer;
let db: Db;

beforeAll(async () => {
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  db = createDb(await createMigratedDatabase(databaseServer, "hw_members"));
});

afterAll(async () => {
  await db?.$disconnect();
  await databaseServer?.close();
});

async function organization(...names: string[]): Promise<{ tenant: Tenant; people: User[] }> {
  const tenant = await db.tenant.create({
    data: {
      entraTenantId: crypto.randomUUID(),
      cloud: "Worldwide",
      displayName: "Tailwind Traders",
      initialDomain: "tailwind.onmicrosoft.com",
    },
  });
  const people = [];
  for (const name of names) {
    people.push(
      await db.user.create({
        data: {
          homeTenantId: tenant.id,
          objectId: crypto.randomUUID(),
          upn: `${name.toLowerCase()}@tailwind.example`,
          displayName: name,
        },
      }),
    );
  }
  return { tenant, people };
}

const actingAs = (tenant: Tenant, user: User) => userActing({ tenant, user, accessToken: "unused" });

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("members", () => {
  it("makes the owner who adds the first member an owner too, and audits both", async () => {
    const { tenant, people } = await organization("Ana", "Ben");
    const [ana, ben] = people as [User, User];
    const acting = actingAs(tenant, ana);
    await addMember({ db, acting, userId: ben.id, role: "viewer" });

    const { members, candidates } = await listMembers({ db, acting });
    expect(members.map(({ upn, role }) => ({ upn, role }))).toEqual([
      { upn: ana.upn, role: "owner" },
      { upn: ben.upn, role: "viewer" },
    ]);
    expect(candidates).toEqual([]);
    const audit = await db.auditEvent.findMany({ where: { tenantId: tenant.id }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.actorUpn, (row.details as { upn: string }).upn])).toEqual([
      ["member.added", ana.upn, ana.upn],
      ["member.added", ana.upn, ben.upn],
    ]);
    const again = await refusal(addMember({ db, acting, userId: ben.id, role: "owner" }));
    expect(again.details).toMatchObject({ reason: "already_a_member" });
  });

  it("keeps the last owner: neither removed nor made an operator, and nothing changes", async () => {
    const { tenant, people } = await organization("Cara", "Dan");
    const [cara, dan] = people as [User, User];
    const acting = actingAs(tenant, cara);
    await addMember({ db, acting, userId: dan.id, role: "operator" });
    const caraMember = (await listMembers({ db, acting })).members.find((member) => member.upn === cara.upn);
    if (!caraMember) throw new Error("Cara is not a member");
    const before = await db.membership.findMany({ where: { tenantId: tenant.id }, orderBy: { id: "asc" } });

    const removed = await refusal(removeMember({ db, acting, memberId: caraMember.id }));
    expect(removed.status).toBe(409);
    expect(removed.details).toEqual({ reason: "last_owner" });
    expect(removed.message).toBe(
      "Tailwind Traders must keep at least one owner: make someone else an owner first.",
    );
    const demoted = await refusal(
      changeMemberRole({ db, acting, memberId: caraMember.id, role: "operator" }),
    );
    expect(demoted.details).toEqual({ reason: "last_owner" });
    expect(await db.membership.findMany({ where: { tenantId: tenant.id }, orderBy: { id: "asc" } })).toEqual(
      before,
    );
  });

  it("lets only one of two owners who remove each other at once succeed", async () => {
    const { tenant, people } = await organization("Eve", "Finn");
    const [eve, finn] = people as [User, User];
    const eveActing = actingAs(tenant, eve);
    const finnMember = await addMember({ db, acting: eveActing, userId: finn.id, role: "owner" });
    const eveMember = (await listMembers({ db, acting: eveActing })).members.find(
      (member) => member.upn === eve.upn,
    );
    if (!eveMember) throw new Error("Eve is not a member");

    const outcomes = await Promise.allSettled([
      removeMember({ db, acting: eveActing, memberId: finnMember.id }),
      removeMember({ db, acting: actingAs(tenant, finn), memberId: eveMember.id }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const owners = await db.membership.findMany({ where: { tenantId: tenant.id, role: "owner" } });
    expect(owners).toHaveLength(1);
  });

  it("adds only the tenant's own people, and finds no other tenant's member", async () => {
    const { tenant, people } = await organization("Gus");
    const other = await organization("Hana");
    const acting = actingAs(tenant, people[0] as User);
    const stranger = await refusal(
      addMember({ db, acting, userId: (other.people[0] as User).id, role: "viewer" }),
    );
    expect(stranger.status).toBe(404);
    const theirs = await addMember({
      db,
      acting: actingAs(other.tenant, other.people[0] as User),
      userId: (other.people[0] as User).id,
      role: "owner",
    });
    expect((await refusal(removeMember({ db, acting, memberId: theirs.id }))).status).toBe(404);
  });
});
