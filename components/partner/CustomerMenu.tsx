"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import type { ActingCustomer } from "@/components/auth/stored-realm";
import type { MeResponse } from "@/lib/contracts/me";
import type { CustomerRow } from "@/lib/contracts/partner-dashboard";

// The header's customer switch for a partner's technician: their own organization, or any customer
// with an active relationship, found by name or domain. Switching asks the customer's authority for
// a token silently (the one sign-in at home is enough) and opens that customer's wizard.

type Choice = Pick<CustomerRow, "entraTenantId" | "displayName" | "initialDomain">;

export function CustomerMenu({ me }: { me: MeResponse & { partner: NonNullable<MeResponse["partner"]> } }) {
  const { api, actIn } = useSession();
  const router = useRouter();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const [choices, setChoices] = useState<Choice[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [switching, setSwitching] = useState(false);

  useEffect(() => {
    if (!open) return;
    let current = true;
    const timer = setTimeout(() => {
      api
        .partnerCustomers(new URLSearchParams(search ? { q: search } : {}).toString())
        .then((answer) => current && setChoices(answer.customers))
        .catch((error: Error) => current && setProblem(error.message));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, open, search]);

  async function choose(customer: ActingCustomer | undefined) {
    setSwitching(true);
    setProblem(undefined);
    try {
      await actIn(customer);
      setOpen(false);
      router.push(customer ? "/wizard" : "/partner");
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setSwitching(false);
    }
  }

  const acting = me.partner.actingInCustomer
    ? me.tenant.displayName
    : `${me.partner.name} (your organization)`;
  return (
    <div className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className="rounded border border-slate-300 px-3 py-1 text-slate-700 hover:bg-slate-100"
      >
        Acting in: <span data-testid="acting-tenant">{acting}</span>
      </button>
      {open ? (
        <div
          id={panelId}
          className="absolute right-0 z-10 mt-1 w-80 rounded border border-slate-200 bg-white p-3 shadow-lg"
        >
          <label className="block text-xs font-medium text-slate-600">
            Find a customer
            <input
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm"
              placeholder="Name or domain"
            />
          </label>
          {problem ? (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {problem}
            </p>
          ) : null}
          <ul
            aria-label="Customers"
            aria-busy={switching || !choices}
            className="mt-2 max-h-72 overflow-y-auto"
          >
            {me.partner.actingInCustomer ? (
              <li>
                <button
                  type="button"
                  disabled={switching}
                  onClick={() => void choose(undefined)}
                  className="w-full rounded px-2 py-1 text-left hover:bg-slate-100"
                >
                  {me.partner.name} (your organization)
                </button>
              </li>
            ) : null}
            {choices?.map((customer) => (
              <li key={customer.entraTenantId}>
                <button
                  type="button"
                  disabled={switching || customer.entraTenantId === me.tenant.entraTenantId}
                  onClick={() =>
                    void choose({ entraTenantId: customer.entraTenantId, displayName: customer.displayName })
                  }
                  className="w-full rounded px-2 py-1 text-left hover:bg-slate-100 disabled:text-slate-400"
                >
                  {customer.displayName}{" "}
                  <span className="text-xs text-slate-500">{customer.initialDomain}</span>
                </button>
              </li>
            ))}
            {choices?.length === 0 ? (
              <li className="px-2 py-1 text-sm text-slate-500">No customer matches.</li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
