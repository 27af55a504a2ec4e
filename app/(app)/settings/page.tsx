import { SignInPolicyPanel } from "@/components/tenant/SignInPolicyPanel";

export default function SettingsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-brand-900">Organization settings</h1>
      <SignInPolicyPanel />
    </div>
  );
}
