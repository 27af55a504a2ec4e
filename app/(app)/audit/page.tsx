import { AuditPanel } from "@/components/audit/AuditPanel";

export default function AuditPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-brand-900">Audit</h1>
      <p className="max-w-3xl text-slate-600">
        Every change in this organization, sign-ins and refused attempts included: who, from where, what and
        with what result. Entries cannot be changed or deleted.
      </p>
      <AuditPanel scope="tenant" />
    </div>
  );
}
