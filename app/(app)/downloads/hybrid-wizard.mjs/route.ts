import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { downloadHeaders, requireCliDownload } from "@/lib/downloads/agent-download-route";
import { handleRoute } from "@/lib/http/handle-route";
import { isNotModified } from "@/lib/http/is-not-modified";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  const download = await requireCliDownload();
  const headers = downloadHeaders(download, download.fileName, "text/javascript; charset=utf-8");
  if (isNotModified(request, headers.etag)) return new Response(null, { status: 304, headers });
  // Streamed, not read into memory per download.
  const body = Readable.toWeb(createReadStream(download.path)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: { ...headers, "content-length": String(download.bytes) } });
});
