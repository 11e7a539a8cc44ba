import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { staffPage } from "@/lib/auth/page-guards";
import { formatInstant } from "@/lib/dates";
import { staffPractice } from "@/lib/practice";
import { listSandboxTexts } from "@/lib/sms/queries";

export const metadata: Metadata = { title: "Staff · Text messages" };

export default async function SandboxTextsPage() {
  const actor = await staffPage("outbox.view");
  const [{ timeZone }, result] = await Promise.all([staffPractice(actor.userId), listSandboxTexts()]);
  return (
    <>
      <PageTitle description="The texts the sandbox SMS server has sent and received, newest first (the last 100).">
        Text messages
      </PageTitle>
      {result.state === "off" ? (
        <Card>
          <p>Text messages are not configured (SMS_API_URL is not set).</p>
        </Card>
      ) : result.state === "provider" ? (
        <Card>
          <p>Texts go through the SMS provider at {result.host}; read them in its console.</p>
        </Card>
      ) : result.state === "unreachable" ? (
        <Card>
          <p role="alert">The sandbox SMS server did not answer. Is it running?</p>
        </Card>
      ) : result.texts.length === 0 ? (
        <Card>
          <p>No text messages yet.</p>
        </Card>
      ) : (
        <ul className="flex flex-col gap-4" aria-label="Text messages">
          {result.texts.map((t) => (
            <li key={t.sid}>
              <Card>
                <h2 className="font-semibold">
                  {t.isInbound ? `From ${t.from}` : `To ${t.to}`}
                  <span className="sr-only"> · </span>
                  <span className="ml-2 text-sm font-normal text-slate-700">
                    {t.isInbound ? "received" : "sent"} {formatInstant(t.at, timeZone)}
                  </span>
                </h2>
                <p className="mt-2 whitespace-pre-wrap break-words text-sm">{t.body}</p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
