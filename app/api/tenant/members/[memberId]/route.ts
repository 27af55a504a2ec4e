import { NextResponse } from "next/server";
import { userRoute } from "@/lib/auth/user-route";
import {
  type Member,
  ZChangeMemberRoleRequestSchema,
  ZMemberRouteParamsSchema,
} from "@/lib/contracts/members";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readJsonBody } from "@/lib/http/read-json-body";
import { changeMemberRole } from "@/lib/tenants/members/change-member-role";
import { removeMember } from "@/lib/tenants/members/remove-member";

export const dynamic = "force-dynamic";

export const PATCH = userRoute(
  { role: "owner" },
  ZMemberRouteParamsSchema,
  async (request, { acting }, { memberId }) => {
    const { role } = await readJsonBody(request, ZChangeMemberRoleRequestSchema, BODY_LIMITS.small);
    return NextResponse.json(
      (await changeMemberRole({ db: getDb(), acting, memberId, role })) satisfies Member,
    );
  },
);

export const DELETE = userRoute(
  { role: "owner" },
  ZMemberRouteParamsSchema,
  async (_request, { acting }, { memberId }) => {
    await removeMember({ db: getDb(), acting, memberId });
    return new Response(null, { status: 204 });
  },
);
