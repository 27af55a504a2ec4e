import { RelationshipsPanel } from "@/components/partner/RelationshipsPanel";

export const metadata = { title: "Customer relationships · Hybrid Wizard" };

export default function PartnerRelationshipsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-brand-900">Customer relationships</h1>
      <p className="max-w-3xl text-slate-600">
        Add a customer you have a delegated admin (GDAP) relationship with, by one of its domains or its
        tenant id. Hybrid Wizard checks the relationship in Partner Center's records and signs you in to the
        customer before anything is saved, and says which roles are missing. A GDAP relationship lasts at most
        two years: renew it in Partner Center before it lapses, then check it again here.
      </p>
      <RelationshipsPanel />
    </div>
  );
}
