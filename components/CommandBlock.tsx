/** Commands to copy into a terminal, one per line, with a caption saying where they run. */
export function CommandBlock({ caption, lines }: { caption?: string; lines: string[] }) {
  return (
    <figure className="mt-3">
      {caption && <figcaption className="mb-1 text-sm font-medium text-slate-600">{caption}</figcaption>}
      <pre className="overflow-x-auto rounded-md bg-slate-900 px-4 py-3 text-sm text-slate-100">
        <code>{lines.join("\n")}</code>
      </pre>
    </figure>
  );
}
