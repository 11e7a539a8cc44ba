import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { formatInstant } from "@/lib/dates";
import { staffPractice } from "@/lib/practice";
import { listWebhookEndpoints } from "@/lib/webhooks/queries";
import { EndpointForm } from "./_components/endpoint-form";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffWebhooks");
  return { title: t("metaTitle") };
}

async function WebhooksPage() {
  const [actor, t] = await Promise.all([staffPage("webhooks.manage"), getTranslations("StaffWebhooks")]);
  const practice = await staffPractice(actor.userId);
  const endpoints = await listWebhookEndpoints({ practiceId: practice.id });
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("endpointsHeading")}</h2>
          <Table
            caption={t("caption")}
            className="text-sm"
            isEmpty={endpoints.length === 0}
            empty={t("none")}
          >
            <TableHead>
              <HeaderCell>{t("url")}</HeaderCell>
              <HeaderCell>{t("events")}</HeaderCell>
              <HeaderCell>{t("state")}</HeaderCell>
              <HeaderCell isNumeric>{t("pending")}</HeaderCell>
              <HeaderCell isNumeric>{t("failed")}</HeaderCell>
              <HeaderCell isNumeric>{t("delivered")}</HeaderCell>
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
                    {e.isActive ? t("enabled") : t("disabled")}
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
          <h2 className="mb-3 text-xl font-semibold">{t("addHeading")}</h2>
          <EndpointForm />
        </Card>
      </div>
    </>
  );
}

export default withStaffMessages(["StaffWebhooks"], WebhooksPage);
