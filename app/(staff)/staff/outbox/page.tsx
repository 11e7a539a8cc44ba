import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { Pager, pageFrom } from "@/components/staff/pager";
import { staffPage } from "@/lib/auth/page-guards";
import { listOutbox } from "@/lib/staff/queries";
import { DEFAULT_TIME_ZONE, formatInstant } from "@/lib/dates";

export const metadata: Metadata = { title: "Staff · Email outbox" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await staffPage("outbox.view");
  const { rows, total, page, pageSize } = await listOutbox({
    practiceId: actor.practiceId,
    page: pageFrom((await searchParams).page),
  });
  return (
    <>
      <PageTitle description="With no SMTP server configured, email is kept here instead of being sent: its plain text below, and its HTML version a link away.">
        Email outbox
      </PageTitle>
      {rows.length === 0 ? (
        <Card>
          <p>No email yet.</p>
        </Card>
      ) : null}
      <ul className="flex flex-col gap-4">
        {rows.map((m) => (
          <li key={m.id}>
            <Card>
              <h2 className="font-semibold">{m.subject}</h2>
              <p className="text-sm text-slate-700">
                To {m.to} · {formatInstant(m.createdAt, DEFAULT_TIME_ZONE)} · {m.status}
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
                    View the HTML version<span className="sr-only"> of “{m.subject}”</span>
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
