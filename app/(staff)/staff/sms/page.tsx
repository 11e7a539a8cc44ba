import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { staffPage } from "@/lib/auth/page-guards";
import { formatInstant } from "@/lib/dates";
import { staffPractice } from "@/lib/practice";
import { listSandboxTexts } from "@/lib/sms/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffSms");
  return { title: t("metaTitle") };
}

export default async function SandboxTextsPage() {
  const actor = await staffPage("outbox.view");
  const [{ timeZone }, result, t] = await Promise.all([
    staffPractice(actor.userId),
    listSandboxTexts(),
    getTranslations("StaffSms"),
  ]);
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      {result.state === "off" ? (
        <Card>
          <p>{t("off")}</p>
        </Card>
      ) : result.state === "provider" ? (
        <Card>
          <p>{t("provider", { host: result.host })}</p>
        </Card>
      ) : result.state === "unreachable" ? (
        <Card>
          <p role="alert">{t("unreachable")}</p>
        </Card>
      ) : result.texts.length === 0 ? (
        <Card>
          <p>{t("none")}</p>
        </Card>
      ) : (
        <ul className="flex flex-col gap-4" aria-label={t("listLabel")}>
          {result.texts.map((text) => (
            <li key={text.sid}>
              <Card>
                <h2 className="font-semibold">
                  {text.isInbound ? t("from", { from: text.from }) : t("to", { to: text.to })}
                  <span className="sr-only"> · </span>
                  <span className="ml-2 text-sm font-normal text-slate-700">
                    {text.isInbound ? t("received") : t("sent")} {formatInstant(text.at, timeZone)}
                  </span>
                </h2>
                <p className="mt-2 whitespace-pre-wrap break-words text-sm">{text.body}</p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
