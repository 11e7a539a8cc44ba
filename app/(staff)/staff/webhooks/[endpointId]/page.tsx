import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
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
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffWebhookEndpoint");
  return { title: t("metaTitle") };
}

type TDelivery = TWebhookEndpointDetail["deliveries"][number];

/** What a delivery's attempts were, newest first: time, answer (or error), latency, the answer's start. */
async function Attempts({ delivery, timeZone }: { delivery: TDelivery; timeZone: string }) {
  const t = await getTranslations("StaffWebhookEndpoint");
  if (delivery.attemptLog.length === 0) return <span>{t("notTried")}</span>;
  return (
    <ol className="flex flex-col gap-1">
      {delivery.attemptLog.map((a) => (
        <li key={a.id}>
          {t("attempt", {
            at: formatInstant(a.attemptedAt, timeZone),
            answer: a.statusCode ?? t("noAnswer"),
            ms: String(a.latencyMs),
          })}
          {a.error ? <span className="block text-red-800">{a.error}</span> : null}
          {a.responseBody ? (
            <details>
              <summary className="cursor-pointer">{t("answer")}</summary>
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

async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const [actor, { endpointId }, t] = await Promise.all([
    staffPage("webhooks.manage"),
    params,
    getTranslations("StaffWebhookEndpoint"),
  ]);
  const practiceId = await staffPracticeId(actor.userId);
  const endpoint = await orNotFound(getWebhookEndpointOrThrow({ practiceId, endpointId }));
  const { timeZone } = endpoint.practice;
  const when = (d: Date) => formatInstant(d, timeZone);
  const yesterday = `${toIsoDay(new Date(todayInZone(timeZone).getTime() - 86_400_000))}T00:00`;
  return (
    <>
      <PageTitle
        back={{ href: "/staff/webhooks", label: t("back") }}
        description={t(endpoint.isActive ? "enabledSince" : "disabledSince", {
          at: when(endpoint.createdAt),
        })}
      >
        <span className="break-all">{endpoint.url}</span>
      </PageTitle>
      <div className="flex flex-col gap-6">
        {endpoint.disabledAt ? (
          <Card>
            <p>{t("disabledAt", { at: when(endpoint.disabledAt), reason: endpoint.disabledReason ?? "" })}</p>
          </Card>
        ) : null}
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("logHeading")}</h2>
          <Table
            caption={t("caption", { size: String(DELIVERY_LOG_SIZE) })}
            className="text-sm"
            isEmpty={endpoint.deliveries.length === 0}
            empty={t("none")}
          >
            <TableHead>
              <HeaderCell>{t("event")}</HeaderCell>
              <HeaderCell>{t("state")}</HeaderCell>
              <HeaderCell>{t("attempts")}</HeaderCell>
              <HeaderCell>
                <span className="sr-only">{t("resend")}</span>
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
                    {t(`statuses.${d.status}`)}
                    <span className="block text-slate-700">
                      {d.status === "DELIVERED" && d.deliveredAt
                        ? when(d.deliveredAt)
                        : d.status === "FAILED" && d.failedAt
                          ? t("gaveUp", { at: when(d.failedAt) })
                          : d.attempts > 0
                            ? t("nextTry", { at: when(d.nextAttemptAt) })
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
          <h2 className="mb-3 text-xl font-semibold">{t("resendFailedHeading")}</h2>
          <ResendFailedForm endpointId={endpoint.id} defaultSince={yesterday} />
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("settingsHeading")}</h2>
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
          <h2 className="mb-3 text-xl font-semibold">{t("secretHeading")}</h2>
          {endpoint.previousSecretUntil && endpoint.previousSecretUntil > new Date() ? (
            <p className="mb-3">{t("previousSecret", { at: when(endpoint.previousSecretUntil) })}</p>
          ) : null}
          <RotateSecretForm endpointId={endpoint.id} />
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("deleteHeading")}</h2>
          <DeleteEndpointForm endpointId={endpoint.id} />
        </Card>
      </div>
    </>
  );
}

export default withStaffMessages(["StaffWebhooks"], WebhookEndpointPage);
