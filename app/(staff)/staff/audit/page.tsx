import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { Pager, pageFrom } from "@/components/staff/pager";
import { staffPage } from "@/lib/auth/page-guards";
import { listAuditLog } from "@/lib/staff/queries";
import { DEFAULT_TIME_ZONE, formatInstant } from "@/lib/dates";

export const metadata: Metadata = { title: "Staff · Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await staffPage("audit.view");
  const { rows, total, page, pageSize } = await listAuditLog({
    practiceId: actor.practiceId,
    page: pageFrom((await searchParams).page),
  });
  return (
    <>
      <PageTitle description="Every sign-in, lookup, account link and staff view, newest first. Entries cannot be changed.">
        Audit log
      </PageTitle>
      <Card>
        <Table caption="Audit log entries" className="text-sm" isScrollRegion>
          <TableHead>
            <HeaderCell>When (Eastern)</HeaderCell>
            <HeaderCell>Who</HeaderCell>
            <HeaderCell>Action</HeaderCell>
            <HeaderCell>Outcome</HeaderCell>
            <HeaderCell>Record</HeaderCell>
            <HeaderCell>From</HeaderCell>
          </TableHead>
          <tbody>
            {rows.map((r) => (
              <Row key={r.id}>
                <Cell className="whitespace-nowrap">{formatInstant(r.createdAt, DEFAULT_TIME_ZONE)}</Cell>
                <Cell>
                  {r.actorLabel ?? "—"} <span className="text-slate-600">({r.actorRole})</span>
                </Cell>
                <Cell className="font-mono">{r.action}</Cell>
                <Cell>{r.outcome}</Cell>
                <Cell>{r.targetType ? `${r.targetType} ${r.targetId}` : "—"}</Cell>
                <Cell>{r.ip ?? "—"}</Cell>
              </Row>
            ))}
          </tbody>
        </Table>
        <Pager page={page} pageSize={pageSize} total={total} basePath="/staff/audit" />
      </Card>
    </>
  );
}
