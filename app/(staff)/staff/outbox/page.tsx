import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { Pager, pageFrom } from "@/components/staff/pager";
import { staffPage } from "@/lib/auth/page-guards";
import { listOutbox } from "@/lib/staff/queries";
import { DEFAULT_TIME_ZONE, formatInstant } from "@/lib/dates";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffOutbox");
  return { title: t("metaTitle") };
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const [actor, t] = await Promise.all([staffPage("outbox.view"), getTranslations("StaffOutbox")]);
  const { rows, total, page, pageSize } = await listOutbox({
    practiceId: actor.practiceId,
    page: pageFrom((await searchParams).page),
  });
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      {rows.length === 0 ? (
        <Card>
          <p>{t("none")}</p>
        </Card>
      ) : null}
      <ul className="flex flex-col gap-4">
        {rows.map((m) => (
          <li key={m.id}>
            <Card>
              <h2 className="font-semibold">{m.subject}</h2>
              <p className="text-sm text-slate-700">
                {t("to", { to: m.to })} · {formatInstant(m.createdAt, DEFAULT_TIME_ZONE)} · {m.status}
              </p>
              <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-words font-sans text-sm">
                {m.text}
              </pre>
              {m.html ? (
                <p className="mt-2 text-sm">
                  <a
                    className="text-brand-700 underline underline-offset-2"
                    href={`/staff/outbox/${m.id}/html`}
                  >
                    {t("viewHtml")}
                    <span className="sr-only">{t("viewHtmlOf", { subject: m.subject })}</span>
                  </a>
                </p>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
      <Pager page={page} pageSize={pageSize} total={total} basePath="/staff/outbox" />
    </>
  );
}
