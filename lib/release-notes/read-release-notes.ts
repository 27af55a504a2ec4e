import { readFile } from "node:fs/promises";
import path from "node:path";
import { Marked } from "marked";

// CHANGELOG.md is ours, but escaping any raw HTML keeps a careless line from becoming markup.
const marked = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;"),
  },
});

export function renderReleaseNotes(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

export async function readReleaseNotesHtml(): Promise<string> {
  return renderReleaseNotes(await readFile(path.join(process.cwd(), "CHANGELOG.md"), "utf8"));
}
