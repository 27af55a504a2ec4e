import { MembersPanel } from "@/components/members/MembersPanel";

export default function MembersPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-brand-900">Members</h1>
      <p className="max-w-3xl text-slate-600">
        Owners manage members, the sign-in policy and agents; operators run the wizard, pair agents and run
        checks; viewers read runs, plans, logs and the audit trail. Changing Exchange also needs Global or
        Exchange Administrator in Entra.
      </p>
      <MembersPanel />
    </div>
  );
}
