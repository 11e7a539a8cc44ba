import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { formatInstant, todayInZone, toIsoDay } from "@/lib/dates";
import { orNotFound } from "@/lib/not-found";
import { staffPracticeId } from "@/lib/practice";
import {
  DELIVERY_LOG_SIZE,
  getWebhookEndpointOrThrow,
  type TWebhookEndpointDetail,
} from "@/lib/webhooks/queries";
import {
  DeleteEndpointForm,
  ResendDeliveryButton,
  ResendFailedForm,
  RotateSecretForm,
} from "../_components/endpoint-actions";
import { EndpointForm } from "../_components/endpoint-form";

export const metadata: Metadata = { title: "Staff · Webhook endpoint" };

type TDelivery = TWebhookEndpointDetail["deliveries"][number];

const STATUS: Record<TDelivery["status"], string> = {
  PENDING: "Pending",
  DELIVERED: "Delivered",
  FAILED: "Failed",
};

/** What a delivery's attempts were, newest first: time, answer (or error), latency, the answer's start. */
function Attempts({ delivery, timeZone }: { delivery: TDelivery; timeZone: string }) {
  if (delivery.attemptLog.length === 0) return <span>Not tried yet</span>;
  return (
    <ol className="flex flex-col gap-1">
      {delivery.attemptLog.map((a) => (
        <li key={a.id}>
          {formatInstant(a.attemptedAt, timeZone)}: {a.statusCode ?? "no answer"} in {a.latencyMs} ms
          {a.error ? <span className="block text-red-800">{a.error}</span> : null}
          {a.responseBody ? (
            <details>
              <summary className="cursor-pointer">Answer</summary>
              <pre className="max-w-md overflow-x-auto whitespace-pre-wrap break-all text-xs">
                {a.responseBody}
              </pre>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export default async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const [actor, { endpointId }] = await Promise.all([staffPage("webhooks.manage"), params]);
  const practiceId = await staffPracticeId(actor.userId);
  const endpoint = await orNotFound(getWebhookEndpointOrThrow({ practiceId, endpointId }));
  const { timeZone } = endpoint.practice;
  const when = (d: Date) => formatInstant(d, timeZone);
  const yesterday = `${toIsoDay(new Date(todayInZone(timeZone).getTime() - 86_400_000))}T00:00`;
  return (
    <>
      <PageTitle
        back={{ href: "/staff/webhooks", label: "Webhooks" }}
        description={`${endpoint.isActive ? "Enabled" : "Disabled"} · added ${when(endpoint.createdAt)}`}
      >
        <span className="break-all">{endpoint.url}</span>
      </PageTitle>
      <div className="flex flex-col gap-6">
        {endpoint.disabledAt ? (
          <Card>
            <p>
              Disabled at {when(endpoint.disabledAt)}: {endpoint.disabledReason}. Enable it below once the
              receiving system answers again, then resend what failed.
            </p>
          </Card>
        ) : null}
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Delivery log</h2>
          <Table
            caption={`The newest ${DELIVERY_LOG_SIZE} deliveries to this endpoint`}
            className="text-sm"
            isEmpty={endpoint.deliveries.length === 0}
            empty="No event has been sent to this endpoint yet."
          >
            <TableHead>
              <HeaderCell>Event</HeaderCell>
              <HeaderCell>State</HeaderCell>
              <HeaderCell>Attempts</HeaderCell>
              <HeaderCell>
                <span className="sr-only">Resend</span>
              </HeaderCell>
            </TableHead>
            <tbody>
              {endpoint.deliveries.map((d) => (
                <Row key={d.id}>
                  <RowHeader>
                    <code>{d.eventType}</code>
                    <span className="block break-all text-slate-700">{d.eventId}</span>
                    <span className="block text-slate-700">{when(d.createdAt)}</span>
                  </RowHeader>
                  <Cell>
                    {STATUS[d.status]}
                    <span className="block text-slate-700">
                      {d.status === "DELIVERED" && d.deliveredAt
                        ? when(d.deliveredAt)
                        : d.status === "FAILED" && d.failedAt
                          ? `gave up ${when(d.failedAt)}`
                          : d.attempts > 0
                            ? `next try ${when(d.nextAttemptAt)}`
                            : null}
                    </span>
                  </Cell>
                  <Cell>
                    <Attempts delivery={d} timeZone={timeZone} />
                  </Cell>
                  <Cell>
                    <ResendDeliveryButton endpointId={endpoint.id} deliveryId={d.id} />
                  </Cell>
                </Row>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Resend failed events</h2>
          <ResendFailedForm endpointId={endpoint.id} defaultSince={yesterday} />
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Settings</h2>
          <EndpointForm
            endpoint={{
              id: endpoint.id,
              url: endpoint.url,
              eventTypes: endpoint.eventTypes,
              isActive: endpoint.isActive,
            }}
          />
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Signing secret</h2>
          {endpoint.previousSecretUntil && endpoint.previousSecretUntil > new Date() ? (
            <p className="mb-3">The previous secret also signs until {when(endpoint.previousSecretUntil)}.</p>
          ) : null}
          <RotateSecretForm endpointId={endpoint.id} />
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Delete</h2>
          <DeleteEndpointForm endpointId={endpoint.id} />
        </Card>
      </div>
    </>
  );
}
