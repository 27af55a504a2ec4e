import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingPartner } from "./acting-partner";
import { changesOf, findingsOf } from "./health/health-check-summary";
import { partnerCustomersWhere, partnerScope } from "./partner-scope";

/** Checks of a customer the report lists, newest first. */
const HISTORY = 10;

const STATE_WORDS = {
  notConfigured: "Hybrid not configured",
  configured: "Hybrid configured, as the last run left it",
  drifted: "Hybrid configured, and drifted from the last run",
} as const;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );
const day = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * One customer's hybrid health as a standalone HTML page (inline styles, no script, prints on A4):
 * what a partner sends on to the customer — the state, each finding of the last check with what to
 * do, the transport certificate, the agents, and the history of checks with their changes.
 */
export async function customerReport(options: {
  db: Db;
  partner: ActingPartner;
  tenantId: string;
  now?: Date;
}): Promise<{ fileName: string; html: string }> {
  const { db, partner } = options;
  const customer = await db.tenant.findFirst({
    where: { AND: [partnerCustomersWhere(partner), { id: options.tenantId }] },
    select: { id: true, displayName: true, initialDomain: true, cloud: true },
  });
  if (!customer) throw new AppError("not_found", "There is no such customer among yours.");
  const [checks, agents] = await Promise.all([
    db.healthCheck.findMany({
      where: { ...partnerScope(partner), tenantId: customer.id, finishedAt: { not: null } },
      orderBy: { finishedAt: "desc" },
      take: HISTORY,
      include: { batch: { select: { startedByName: true, scheduled: true } } },
    }),
    db.agent.findMany({
      where: { ...partnerScope(partner), tenantId: customer.id, revokedAt: null },
      select: { name: true, host: true, version: true, lastSeenAt: true },
    }),
  ]);
  const [last] = checks;
  const findings = last ? findingsOf(last.findings) : [];
  const rows = findings
    .map(
      (finding) =>
        `<tr class="${finding.severity}"><td>${finding.severity === "ok" ? "OK" : finding.severity === "warning" ? "Warning" : "Problem"}</td><td>${escapeHtml(finding.message)}</td></tr>`,
    )
    .join("");
  const history = checks
    .map((check) => {
      const changes = changesOf(check.changes);
      const problems =
        findingsOf(check.findings).filter((finding) => finding.severity !== "ok").length +
        (check.error ? 1 : 0);
      return `<tr><td>${day(check.finishedAt ?? check.createdAt)}</td><td>${check.hybridState ? escapeHtml(STATE_WORDS[check.hybridState]) : "Not checked"}</td><td>${problems}</td><td>${changes.length ? escapeHtml(changes.join("; ")) : "—"}</td><td>${escapeHtml(check.batch.scheduled ? "schedule" : check.batch.startedByName)}</td></tr>`;
    })
    .join("");
  const agentRows = agents
    .map(
      (agent) =>
        `<li>${escapeHtml(agent.name)} on ${escapeHtml(agent.host)}, version ${escapeHtml(agent.version)}, last seen ${agent.lastSeenAt ? day(agent.lastSeenAt) : "never"}</li>`,
    )
    .join("");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hybrid health: ${escapeHtml(customer.displayName)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;color:#1e293b;max-width:50rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:0}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #cbd5e1}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #cbd5e1;padding:.35rem .5rem;text-align:left;vertical-align:top}
tr.problem td:first-child{color:#b91c1c;font-weight:600}tr.warning td:first-child{color:#b45309;font-weight:600}tr.ok td:first-child{color:#047857}
.muted{color:#64748b}@page{size:A4;margin:15mm}@media print{body{margin:0}}
</style></head><body>
<h1>Exchange hybrid health: ${escapeHtml(customer.displayName)}</h1>
<p class="muted">${escapeHtml(customer.initialDomain)} · ${escapeHtml(customer.cloud)} · prepared by ${escapeHtml(partner.partnerName)} on ${day(options.now ?? new Date())}</p>
${
  last
    ? `<p><strong>${last.hybridState ? escapeHtml(STATE_WORDS[last.hybridState]) : "The last check could not run"}.</strong> Last checked ${day(last.finishedAt ?? last.createdAt)}.${last.error ? ` ${escapeHtml(last.error)}` : ""}${last.transportCertificateExpiresAt ? ` The transport certificate expires ${day(last.transportCertificateExpiresAt).slice(0, 10)}.` : ""}</p>
<h2>Findings</h2><table><thead><tr><th>Result</th><th>What was found</th></tr></thead><tbody>${rows || '<tr><td colspan="2">No findings.</td></tr>'}</tbody></table>`
    : "<p>No health check has run for this customer yet.</p>"
}
<h2>On-premises agents</h2>${agentRows ? `<ul>${agentRows}</ul>` : "<p>No agent is paired.</p>"}
<h2>History</h2><table><thead><tr><th>Checked</th><th>State</th><th>Problems</th><th>Changes since the check before</th><th>By</th></tr></thead><tbody>${history || '<tr><td colspan="5">None yet.</td></tr>'}</tbody></table>
<p class="muted">Read-only checks: nothing was changed in Exchange to make this report.</p>
</body></html>`;
  const slug = customer.initialDomain.replace(/[^a-z0-9.-]/gi, "_");
  return { fileName: `hybrid-health-${slug}.html`, html };
}
