"use client";

import { useState } from "react";
import type { ApiClient } from "@/components/api/api-client";
import { SignInPrompt } from "@/components/auth/SignInPrompt";
import { useManagedList } from "@/components/auth/use-managed-list";
import { ROLE_NAMES } from "@/lib/auth/directory-roles";
import type { PartnerRelationship } from "@/lib/contracts/partner-relationships";
import type { Role } from "@/lib/generated/prisma/enums";
import { ROLE_LABELS } from "@/lib/roles/roles";
import { CLOUD_LABELS } from "./labels";

const ROLES: Role[] = ["operator", "viewer", "owner"];
const readRelationships = (api: ApiClient) => api.partnerRelationships();
const STATUS_LABELS: Record<PartnerRelationship["status"], string> = {
  pending: "Pending",
  active: "Active",
  suspended: "Suspended",
  ended: "Ended",
};
const WORK_LABELS: Record<PartnerRelationship["gaps"][number]["work"], string> = {
  wizard: "the wizard",
  appRegistration: "creating the hybrid application",
  consent: "granting its consent",
};

function expiry(relationship: PartnerRelationship) {
  if (!relationship.checkedAt) return <span className="text-slate-500">Not checked yet</span>;
  if (!relationship.expiresAt) return <span className="text-slate-500">No end date</span>;
  const date = new Date(relationship.expiresAt).toLocaleDateString();
  const days = relationship.lapsesInDays;
  if (days === null) return <span>{date}</span>;
  return (
    <span className="font-medium text-red-700">
      {date} ({days <= 0 ? "lapsed" : `lapses in ${days} days`})
    </span>
  );
}

/** A partner's customers as relationships: add one, check one again, suspend, resume or end it. */
export function RelationshipsPanel() {
  const { state, api, list, message, busy, act } = useManagedList(readRelationships);
  const [adding, setAdding] = useState({ customer: "", role: "operator" as Role });

  if (state.status !== "signed-in") return <SignInPrompt state={state} what="see your customers" />;

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void act(
            () => api.addCustomer(adding),
            ({ displayName: name }) => `${name} is checked and added: your technicians can act there now.`,
          );
        }}
      >
        <label className="text-sm text-slate-700">
          Customer's domain or tenant id
          <input
            value={adding.customer}
            onChange={(event) => setAdding({ ...adding, customer: event.target.value })}
            placeholder="contoso.onmicrosoft.com"
            className="mt-1 block w-72 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="text-sm text-slate-700">
          Your technicians' role there
          <select
            value={adding.role}
            onChange={(event) => setAdding({ ...adding, role: event.target.value as Role })}
            className="mt-1 block rounded border border-slate-300 px-2 py-1"
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          disabled={busy || adding.customer.trim() === ""}
          className="rounded bg-brand-600 px-4 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-40"
        >
          Check and add
        </button>
      </form>
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={message.ok ? "text-emerald-800" : "text-red-700"}
        >
          {message.text}
        </p>
      )}
      {list && (
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">Customer</th>
              <th>Status</th>
              <th>Role here</th>
              <th>GDAP roles</th>
              <th>Ends</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.relationships.map((relationship) => (
              <tr
                key={relationship.id}
                className="border-t border-slate-100 align-top"
                data-testid="relationship-row"
              >
                <td className="py-2">
                  {relationship.displayName}{" "}
                  <span className="text-slate-500">
                    {relationship.initialDomain} · {CLOUD_LABELS[relationship.cloud]}
                  </span>
                </td>
                <td>
                  {relationship.suspendedByCustomer
                    ? "Suspended by the customer"
                    : STATUS_LABELS[relationship.status]}
                </td>
                <td>{ROLE_LABELS[relationship.role]}</td>
                <td>
                  {relationship.gdapRoles.map((role) => ROLE_NAMES[role]).join(", ") ||
                    (relationship.checkedAt ? "none" : "—")}
                  {relationship.gaps.map((gap) => (
                    <p key={gap.work} className="text-xs text-amber-800">
                      Missing for {WORK_LABELS[gap.work]}: {gap.missing}
                    </p>
                  ))}
                </td>
                <td>{expiry(relationship)}</td>
                <td className="space-x-2 whitespace-nowrap">
                  {relationship.status !== "ended" && (
                    <button
                      type="button"
                      disabled={busy}
                      className="text-brand-700 hover:underline"
                      onClick={() =>
                        void act(
                          () =>
                            api.addCustomer({
                              customer: relationship.entraTenantId,
                              role: relationship.role,
                            }),
                          ({ displayName: name }) => `${name} is checked again.`,
                        )
                      }
                    >
                      Check again
                      <span className="sr-only"> {relationship.displayName}</span>
                    </button>
                  )}
                  {(relationship.status === "active" ||
                    (relationship.status === "suspended" && !relationship.suspendedByCustomer)) && (
                    <button
                      type="button"
                      disabled={busy}
                      className="text-brand-700 hover:underline"
                      onClick={() =>
                        void act(
                          () =>
                            api.setRelationshipStatus(relationship.id, {
                              status: relationship.status === "active" ? "suspended" : "active",
                            }),
                          ({ displayName: name }) =>
                            relationship.status === "active"
                              ? `${name} is suspended: your technicians are refused there until you resume it.`
                              : `${name} is active again.`,
                        )
                      }
                    >
                      {relationship.status === "active" ? "Suspend" : "Resume"}
                      <span className="sr-only"> {relationship.displayName}</span>
                    </button>
                  )}
                  {relationship.status !== "ended" && (
                    <button
                      type="button"
                      disabled={busy}
                      className="text-red-700 hover:underline"
                      onClick={() =>
                        void act(
                          () => api.setRelationshipStatus(relationship.id, { status: "ended" }),
                          ({ displayName: name }) =>
                            `${name} is ended here. Add it again to work there once more.`,
                        )
                      }
                    >
                      End
                      <span className="sr-only"> {relationship.displayName}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
