"use client";

import { useState } from "react";
import type { ApiClient } from "@/components/api/api-client";
import { SignInPrompt } from "@/components/auth/SignInPrompt";
import { useManagedList } from "@/components/auth/use-managed-list";
import type { Role } from "@/lib/generated/prisma/enums";
import { ROLE_LABELS } from "@/lib/roles/roles";

const ROLES: Role[] = ["owner", "operator", "viewer"];
const readMembers = (api: ApiClient) => api.listMembers();

/** The organization's members: add one of its people, change a role, remove (owners only). */
export function MembersPanel() {
  const { state, api, list, message, act } = useManagedList(readMembers);
  const [adding, setAdding] = useState({ userId: "", role: "operator" as Role });

  if (state.status !== "signed-in")
    return <SignInPrompt state={state} what="see your organization's members" />;

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {list && list.members.length === 0 && (
        <p className="text-sm text-slate-700" data-testid="no-members">
          No members yet: Entra's roles decide — Global Administrators are owners, Exchange Administrators
          operators, Global Readers viewers. The first member you add makes membership decide for everyone,
          and makes you an owner.
        </p>
      )}
      {list && list.members.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">Member</th>
              <th>Role</th>
              <th>Last sign-in</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.members.map((member) => (
              <tr key={member.id} className="border-t border-slate-100">
                <td className="py-2">
                  {member.displayName} <span className="text-slate-500">{member.upn}</span>
                </td>
                <td>
                  <select
                    aria-label={`Role of ${member.displayName}`}
                    value={member.role}
                    className="rounded border border-slate-300 px-1"
                    onChange={(event) =>
                      void act(
                        () => api.changeMemberRole(member.id, event.target.value as Role),
                        `${member.displayName} is now ${ROLE_LABELS[event.target.value as Role].toLowerCase()}.`,
                      )
                    }
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{member.lastSignInAt ? new Date(member.lastSignInAt).toLocaleString() : "never"}</td>
                <td>
                  <button
                    type="button"
                    className="text-red-700 underline"
                    onClick={() =>
                      void act(() => api.removeMember(member.id), `${member.displayName} was removed.`)
                    }
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list && (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            void act(() => api.addMember(adding), "Added.");
          }}
        >
          <label className="text-sm">
            <span className="block text-slate-600">Add someone of {state.me.tenant.displayName}</span>
            <select
              required
              value={adding.userId}
              className="rounded border border-slate-300 px-2 py-1"
              onChange={(event) => setAdding({ ...adding, userId: event.target.value })}
            >
              <option value="">Choose…</option>
              {list.candidates.map((candidate) => (
                <option key={candidate.userId} value={candidate.userId}>
                  {candidate.displayName} ({candidate.upn})
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block text-slate-600">as</span>
            <select
              value={adding.role}
              className="rounded border border-slate-300 px-2 py-1"
              onChange={(event) => setAdding({ ...adding, role: event.target.value as Role })}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded bg-brand-700 px-3 py-1 text-sm font-semibold text-white">
            Add member
          </button>
          <p className="w-full text-xs text-slate-500">
            Only people who have signed in to Hybrid Wizard once are listed: ask anyone missing to sign in.
          </p>
        </form>
      )}
      {list && list.partners.length > 0 && (
        <section aria-labelledby="partners-heading" className="space-y-2">
          <h2 id="partners-heading" className="font-semibold text-slate-800">
            Partners acting in {state.me.tenant.displayName}
          </h2>
          <p className="text-xs text-slate-500">
            Through their delegated admin (GDAP) relationship; here you choose the most their technicians may
            do, or suspend them. To end a relationship for good, remove it in Entra ID (Microsoft 365 admin
            center → Partner relationships).
          </p>
          <table className="w-full text-left text-sm">
            <tbody>
              {list.partners.map((partner) => (
                <tr
                  key={partner.relationshipId}
                  className="border-t border-slate-100"
                  data-testid="partner-row"
                >
                  <td className="py-2">
                    {partner.partnerName}
                    {partner.expiresAt && (
                      <span className="text-slate-500">
                        {" "}
                        · relationship ends {new Date(partner.expiresAt).toLocaleDateString()}
                      </span>
                    )}
                  </td>
                  <td>
                    <select
                      aria-label={`Most that ${partner.partnerName} may do`}
                      value={partner.role}
                      className="rounded border border-slate-300 px-1"
                      onChange={(event) =>
                        void act(
                          () =>
                            api.changeTenantPartner(partner.relationshipId, {
                              role: event.target.value as Role,
                            }),
                          `${partner.partnerName} may now act as ${ROLE_LABELS[event.target.value as Role].toLowerCase()} at most.`,
                        )
                      }
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {partner.status === "active"
                      ? "Active"
                      : partner.suspendedByCustomer
                        ? "Suspended by you"
                        : "Suspended by the partner"}
                  </td>
                  <td>
                    {(partner.status === "active" || partner.suspendedByCustomer) && (
                      <button
                        type="button"
                        className="text-brand-700 underline"
                        onClick={() =>
                          void act(
                            () =>
                              api.changeTenantPartner(partner.relationshipId, {
                                status: partner.status === "active" ? "suspended" : "active",
                              }),
                            partner.status === "active"
                              ? `${partner.partnerName} is suspended: its technicians are refused here until you resume it.`
                              : `${partner.partnerName} may act here again.`,
                          )
                        }
                      >
                        {partner.status === "active" ? "Suspend" : "Resume"}
                        <span className="sr-only"> {partner.partnerName}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={`text-sm ${message.ok ? "text-emerald-800" : "text-red-700"}`}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
