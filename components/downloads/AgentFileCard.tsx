import type { ReactNode } from "react";

type AgentFile = {
  fileName: string;
  version: string | undefined;
  bytes: number;
  sha256: string;
  builtAt: Date;
};

function formatSize(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB (${bytes.toLocaleString("en-US")} bytes)`;
}

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-500">{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The served agent file: what it is, how big, its SHA-256, and the download buttons. */
export function AgentFileCard({ file, href }: { file: AgentFile; href: string }) {
  return (
    <div className="mt-6">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-slate-700">
        <Fact term="File">
          <code>{file.fileName}</code>
        </Fact>
        <Fact term="Version">
          <span data-testid="agent-version">{file.version ?? "unknown"}</span>
        </Fact>
        <Fact term="Size">
          <span data-testid="agent-size">{formatSize(file.bytes)}</span>
        </Fact>
        <Fact term="SHA-256">
          <code className="break-all font-mono text-sm" data-testid="agent-sha256">
            {file.sha256}
          </code>
        </Fact>
        <Fact term="Built">{formatUtc(file.builtAt)}</Fact>
      </dl>
      <div className="mt-6 flex flex-wrap items-center gap-4">
        <a
          href={href}
          download={file.fileName}
          className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-brand-700"
        >
          Download {file.fileName}
        </a>
        <a href={`${href}.sha256`} download className="text-brand-600 hover:underline">
          Checksum file ({file.fileName}.sha256)
        </a>
      </div>
    </div>
  );
}
