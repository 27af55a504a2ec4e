import { headers } from "next/headers";
import { CommandBlock } from "@/components/CommandBlock";
import { AgentFileCard } from "@/components/downloads/AgentFileCard";
import { AgentNotBuiltNotice } from "@/components/downloads/AgentNotBuiltNotice";
import { pairCommand } from "@/lib/agents/pair-command";
import { AGENT_BUILD_COMMAND, CLI_BUILD_COMMAND } from "@/lib/downloads/agent-download-file";
import { describeAgentDownload, describeCliDownload } from "@/lib/downloads/describe-agent-download";
import { requestOrigin } from "@/lib/http/request-origin";

export const metadata = { title: "Download the agent — Hybrid Wizard" };
// Describes the file as it is on disk now, not as it was when the app was built.
export const dynamic = "force-dynamic";

const SECTION = "rounded-lg border border-slate-200 bg-white p-8 shadow-sm";

export default async function DownloadsPage() {
  const download = await describeAgentDownload();
  const cli = await describeCliDownload();
  const server = requestOrigin(await headers()) ?? "https://THIS-SERVER";
  const fileName = download.available ? download.fileName : "hybrid-agent.mjs";

  return (
    <div className="space-y-8">
      <section className={SECTION}>
        <h1 className="text-2xl font-semibold text-brand-900">Download the on-premises agent</h1>
        <p className="mt-3 max-w-3xl text-slate-600">
          The agent runs the wizard's on-premises Exchange cmdlets next to your Exchange servers. It only
          connects out, over HTTPS and through your proxy if you have one: nothing on-premises listens, and no
          inbound firewall rule is needed. It is one file, not minified, so you can read what you run.
        </p>
        {download.available ? (
          <AgentFileCard file={download} href={`/downloads/${download.fileName}`} />
        ) : (
          <AgentNotBuiltNotice buildCommand={AGENT_BUILD_COMMAND} />
        )}
      </section>

      {download.available && (
        <section className={SECTION}>
          <h2 className="text-lg font-semibold">Check the file before you run it</h2>
          <p className="mt-2 text-slate-700">
            Its SHA-256 must be the one shown above. PowerShell prints it in capitals; the letters are the
            same.
          </p>
          <CommandBlock caption="Linux or macOS" lines={[`sha256sum ${fileName}`]} />
          <CommandBlock
            caption="Windows (PowerShell)"
            lines={[`Get-FileHash .\\${fileName} -Algorithm SHA256`]}
          />
        </section>
      )}

      <section className={SECTION}>
        <h2 className="text-lg font-semibold">Requirements</h2>
        <ul className="mt-4 list-disc space-y-2 pl-6 text-slate-700">
          <li>
            Node.js 20.19 or later (an LTS release): <code>node --version</code> tells.
          </li>
          <li>
            A domain-joined Windows server near Exchange (the Exchange server itself works), which has Windows
            PowerShell 5.1 — or a Linux host with PowerShell 7 (<code>pwsh</code>) that reaches Exchange with
            Kerberos.
          </li>
          <li>
            An account that may run the hybrid cmdlets (a member of <em>Organization Management</em>): cmdlets
            run as the account the agent runs as. No Exchange password is stored.
          </li>
          <li>
            Outbound HTTPS to {server}. Behind a proxy, set{" "}
            <code>HTTPS_PROXY=http://user:password@proxy:3128</code> (percent-encode special characters).
          </li>
        </ul>
      </section>

      <section className={SECTION}>
        <h2 className="text-lg font-semibold">Pair and run</h2>
        <p className="mt-2 text-slate-700">
          On the <em>Agents</em> page choose <em>Add agent</em> for a one-time code, then on the agent's host:
        </p>
        <CommandBlock
          lines={[
            `${pairCommand(server, "CODE")} --exchange-server ex1.contoso.com`,
            `node ${fileName} status`,
            `node ${fileName} run`,
          ]}
        />
        <p className="mt-3 text-sm text-slate-600">
          <code>node {fileName} --help</code> lists every command and option.
        </p>
      </section>

      <section className={SECTION} aria-labelledby="cli-heading">
        <h2 id="cli-heading" className="text-lg font-semibold">
          The command line, for scripts
        </h2>
        <p className="mt-2 max-w-3xl text-slate-700">
          <code>hybrid-wizard</code> does what the wizard's pages do from a terminal or a scheduled script,
          signed in as you with MFA in your browser (or with a device code). See{" "}
          <a href="/docs/api">the API</a> for what it calls.
        </p>
        {cli.available ? (
          <div className="mt-4 space-y-2 text-slate-700">
            <p>
              <a
                href={`/downloads/${cli.fileName}`}
                download={cli.fileName}
                className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-brand-700"
              >
                Download {cli.fileName}
              </a>{" "}
              version {cli.version ?? "unknown"}
            </p>
            <p className="text-sm">
              SHA-256 <code className="break-all font-mono">{cli.sha256}</code> (
              <a
                href={`/downloads/${cli.fileName}.sha256`}
                download
                className="text-brand-600 hover:underline"
              >
                checksum file
              </a>
              )
            </p>
            <CommandBlock
              lines={[
                `node ${cli.fileName} login --server ${server} --account you@yourtenant.onmicrosoft.com`,
                `node ${cli.fileName} runs new --answers answers.json`,
              ]}
            />
          </div>
        ) : (
          <p className="mt-4 text-amber-900" role="alert">
            The command line download has not been built on this server: build it with{" "}
            <code>{CLI_BUILD_COMMAND}</code>.
          </p>
        )}
      </section>
    </div>
  );
}
