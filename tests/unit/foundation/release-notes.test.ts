import { describe, expect, it } from "vitest";
import { readReleaseNotesHtml, renderReleaseNotes } from "@/lib/release-notes/read-release-notes";
import packageJson from "@/package.json" with { type: "json" };

describe("release notes", () => {
  it("render CHANGELOG.md, with an entry for the current version", async () => {
    const html = await readReleaseNotesHtml();
    expect(html).toContain("<h1>Release notes</h1>");
    expect(html).toMatch(new RegExp(`<h2>${packageJson.version.replaceAll(".", "\\.")}\\b`));
  });

  it("show raw HTML in the changelog as text, never as markup", () => {
    const html = renderReleaseNotes(
      '## 1.0\n\n<script>alert("x")</script>\n\n- fixed <img src=x onerror=y>\n',
    );
    expect(html).not.toMatch(/<(script|img)\b/);
    expect(html).toContain("&lt;script&gt;");
  });
});
