import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import { type Member, type MemberListResponse, ZAddMemberRequestSchema } from "@/lib/contracts/members";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { addMember } from "@/lib/tenants/members/add-member";
import { listMembers } from "@/lib/tenants/members/list-members";

export const dynamic = "force-dynamic";

export const GET = userRoute({ role: "owner" }, async (_request, { acting }) =>
  NextResponse.json((await listMembers({ db: getDb(), acting })) satisfies MemberListResponse),
);

export const POST = userRoute({ role: "owner" }, async (request, { acting }) => {
  const { userId, role } = await readJsonBody(request, ZAddMemberRequestSchema, BODY_LIMITS.small);
  const member = await addMember({ db: getDb(), acting, userId, role });
  return NextResponse.json(member satisfies Member, { status: 201 });
});
