import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { Pager, pageFrom } from "@/components/staff/pager";
import { staffPage } from "@/lib/auth/page-guards";
import { listAuditLog } from "@/lib/staff/queries";
import { formatInstant } from "@/lib/dates";

export const metadata: Metadata = { title: "Staff · Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await staffPage("audit.view");
  const { rows, total, page, pageSize } = await listAuditLog({ page: pageFrom((await searchParams).page) });
  return (
    <>
      <PageTitle description="Every sign-in, lookup, account link and staff view, newest first. Entries cannot be changed.">
        Audit log
      </PageTitle>
      <Card>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Audit log entries">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-3">
                  When (Eastern)
                </th>
                <th scope="col" className="py-2 pr-3">
                  Who
                </th>
                <th scope="col" className="py-2 pr-3">
                  Action
                </th>
                <th scope="col" className="py-2 pr-3">
                  Outcome
                </th>
                <th scope="col" className="py-2 pr-3">
                  Record
                </th>
                <th scope="col" className="py-2">
                  From
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 align-top">
                  <td className="py-2 pr-3 whitespace-nowrap">
                    {formatInstant(r.createdAt, "America/New_York")}
                  </td>
                  <td className="py-2 pr-3">
                    {r.actorLabel ?? "—"} <span className="text-slate-600">({r.actorRole})</span>
                  </td>
                  <td className="py-2 pr-3 font-mono">{r.action}</td>
                  <td className="py-2 pr-3">{r.outcome}</td>
                  <td className="py-2 pr-3">{r.targetType ? `${r.targetType} ${r.targetId}` : "—"}</td>
                  <td className="py-2">{r.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager page={page} pageSize={pageSize} total={total} basePath="/staff/audit" />
      </Card>
    </>
  );
}
