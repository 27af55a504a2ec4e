import { downloadHeaders, requireCliDownload } from "@/lib/downloads/agent-download-route";
import { handleRoute } from "@/lib/http/handle-route";
import { isNotModified } from "@/lib/http/is-not-modified";

export const dynamic = "force-dynamic";

/** The checksum in sha256sum's format, so `sha256sum -c hybrid-wizard.mjs.sha256` checks the download. */
export const GET = handleRoute(async (request) => {
  const download = await requireCliDownload();
  const headers = downloadHeaders(download, `${download.fileName}.sha256`, "text/plain; charset=utf-8");
  if (isNotModified(request, headers.etag)) return new Response(null, { status: 304, headers });
  return new Response(`${download.sha256}  ${download.fileName}\n`, { headers });
});
