import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { formatInstant } from "@/lib/dates";
import { staffPractice } from "@/lib/practice";
import { listWebhookEndpoints } from "@/lib/webhooks/queries";
import { EndpointForm } from "./_components/endpoint-form";

export const metadata: Metadata = { title: "Staff · Webhooks" };

export default async function WebhooksPage() {
  const actor = await staffPage("webhooks.manage");
  const practice = await staffPractice(actor.userId);
  const endpoints = await listWebhookEndpoints({ practiceId: practice.id });
  return (
    <>
      <PageTitle description="URLs of the practice's system that hear of payments, plans and autopay as they happen, signed.">
        Webhooks
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Endpoints</h2>
          <Table
            caption="Webhook endpoints of this practice"
            className="text-sm"
            isEmpty={endpoints.length === 0}
            empty="No endpoint yet: events are only in the API's events feed."
          >
            <TableHead>
              <HeaderCell>URL</HeaderCell>
              <HeaderCell>Events</HeaderCell>
              <HeaderCell>State</HeaderCell>
              <HeaderCell isNumeric>Pending</HeaderCell>
              <HeaderCell isNumeric>Failed</HeaderCell>
              <HeaderCell isNumeric>Delivered</HeaderCell>
            </TableHead>
            <tbody>
              {endpoints.map((e) => (
                <Row key={e.id}>
                  <RowHeader className="break-all">
                    <Link
                      href={`/staff/webhooks/${e.id}`}
                      className="text-brand-700 underline underline-offset-2"
                    >
                      {e.url}
                    </Link>
                  </RowHeader>
                  <Cell>{e.eventTypes.join(", ")}</Cell>
                  <Cell>
                    {e.isActive ? "Enabled" : "Disabled"}
                    {e.disabledAt ? (
                      <span className="block text-slate-700">
                        {formatInstant(e.disabledAt, practice.timeZone)}: {e.disabledReason}
                      </span>
                    ) : null}
                  </Cell>
                  <Cell isNumeric>{e.pending}</Cell>
                  <Cell isNumeric>{e.failed}</Cell>
                  <Cell isNumeric>{e.delivered}</Cell>
                </Row>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Add an endpoint</h2>
          <EndpointForm />
        </Card>
      </div>
    </>
  );
}
