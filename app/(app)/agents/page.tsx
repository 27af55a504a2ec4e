import { AgentsPanel } from "@/components/agents/AgentsPanel";

export default function AgentsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-brand-900">Agents</h1>
      <p className="max-w-3xl text-slate-600">
        Agents run your organization's on-premises Exchange cmdlets. They connect out to this service and
        never listen for connections.
      </p>
      <AgentsPanel />
    </div>
  );
}
