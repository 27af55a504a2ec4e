import { readReleaseNotesHtml } from "@/lib/release-notes/read-release-notes";

export const metadata = { title: "Release notes — Hybrid Wizard" };

export default async function ReleaseNotesPage() {
  const html = await readReleaseNotesHtml();
  return (
    <article
      className="prose-release-notes rounded-lg border border-slate-200 bg-white p-8 shadow-sm"
      // The HTML comes from our own CHANGELOG.md, rendered with raw HTML disabled.
      // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted, escaped markdown output
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
