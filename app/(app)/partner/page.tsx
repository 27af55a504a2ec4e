import Link from "next/link";
import { CustomersFilter } from "@/components/partner/CustomersFilter";
import { PartnerDashboard } from "@/components/partner/PartnerDashboard";
import { ZCustomersQuerySchema } from "@/lib/contracts/partner-dashboard";

export const metadata = { title: "Customers · Hybrid Wizard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The partner dashboard. Search, filter, sort and page are the URL's query, worked on the server
// (GET /api/partner/customers): a link or a bookmark shows the same table. A query the API would
// refuse is dropped here, field by field, so a hand-edited URL still shows the table.
export default async function PartnerPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([name, value]) =>
      typeof value === "string" ? [[name, value]] : [],
    ),
  );
  const query = Object.fromEntries(
    Object.entries(raw).filter(([name, value]) => ZCustomersQuerySchema.safeParse({ [name]: value }).success),
  );
  const parsed = ZCustomersQuerySchema.parse(query);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-brand-900">Customers</h1>
      <p className="max-w-3xl text-slate-600">
        Every customer you manage, with its hybrid as the last health check found it. Health checks only read:
        they change nothing in Exchange.{" "}
        <Link href="/partner/relationships" className="text-brand-700 underline">
          Add a customer, or see its GDAP roles and expiry
        </Link>
        .
      </p>
      <CustomersFilter query={parsed} />
      <PartnerDashboard query={parsed} queryString={new URLSearchParams(query).toString()} />
    </div>
  );
}
