import { NextResponse } from "next/server";
import { handleRoute } from "@/lib/http/handle-route";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async () => NextResponse.json(buildOpenApiDocument()));
