import { AuditPanel } from "@/components/audit/AuditPanel";

export default function PartnerAuditPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-brand-900">Audit across customers</h1>
      <p className="max-w-3xl text-slate-600">
        Every change in the customers you have an active relationship with. Sign in at your partner
        organization to see it.
      </p>
      <AuditPanel scope="partner" />
    </div>
  );
}
