import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button-class";
import { controlClass, Field } from "@/components/ui/field";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { AUDIT_OUTCOMES, auditFiltersFrom, auditFiltersQuery, searchAuditLog } from "@/lib/audit/search";
import { formatInstant } from "@/lib/dates";
import { staffPractice } from "@/lib/practice";

export const metadata: Metadata = { title: "Staff · Audit log" };

const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : "");

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await staffPage("audit.view");
  const [params, { id: practiceId, timeZone }] = await Promise.all([
    searchParams,
    staffPractice(actor.userId),
  ]);
  const raw = (name: string) => {
    const v = params[name];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  const { filters, errors } = auditFiltersFrom(params);
  const cursor = raw("after") || undefined;
  const { rows, nextCursor } = await searchAuditLog({ practiceId, timeZone, filters, cursor });
  const query = auditFiltersQuery(filters);
  const zoneName =
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "long" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  return (
    <>
      <PageTitle description="Every sign-in, lookup, account link, staff view and change, newest first. Entries cannot be changed.">
        Audit log
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Search</h2>
          <form method="get" action="/staff/audit" className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Who"
              hint="The start of their email or name, or a user id."
              errors={errors.who ? [errors.who] : undefined}
            >
              {(control) => (
                <input
                  {...control}
                  name="who"
                  defaultValue={raw("who")}
                  className={controlClass(!!errors.who)}
                />
              )}
            </Field>
            <Field
              label="Action"
              hint="An action such as staff.view_account, or a family ending in a dot, such as import."
              errors={errors.action ? [errors.action] : undefined}
            >
              {(control) => (
                <input
                  {...control}
                  name="action"
                  defaultValue={raw("action")}
                  className={controlClass(!!errors.action)}
                />
              )}
            </Field>
            <Field label="Record id" hint="The id of an account, statement, payment, file or user.">
              {(control) => (
                <input
                  {...control}
                  name="record"
                  defaultValue={raw("record")}
                  className={controlClass(false)}
                />
              )}
            </Field>
            <Field label="Outcome">
              {(control) => (
                <select
                  {...control}
                  name="outcome"
                  defaultValue={filters.outcome ?? ""}
                  className={controlClass(false)}
                >
                  <option value="">Any</option>
                  {AUDIT_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {o.toLowerCase()}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label="From (first day)"
              hint={`Days in ${zoneName}.`}
              errors={errors.from ? [errors.from] : undefined}
            >
              {(control) => (
                <input
                  {...control}
                  type="date"
                  name="from"
                  defaultValue={errors.from ? raw("from") : day(filters.from)}
                  className={controlClass(!!errors.from)}
                />
              )}
            </Field>
            <Field label="To (last day)" errors={errors.to ? [errors.to] : undefined}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  name="to"
                  defaultValue={errors.to ? raw("to") : day(filters.to)}
                  className={controlClass(!!errors.to)}
                />
              )}
            </Field>
            <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
              <button type="submit" className={buttonClass("primary")}>
                Search
              </button>
              <Link href="/staff/audit" className="text-brand-700 underline underline-offset-2">
                Clear
              </Link>
              <a
                href={`/staff/audit/export${query.size > 0 ? `?${query}` : ""}`}
                className={buttonClass("secondary")}
                download
              >
                Download CSV
              </a>
            </div>
          </form>
        </Card>
        <Card>
          <Table
            caption="Audit log entries, newest first"
            className="text-sm"
            isScrollRegion
            isEmpty={rows.length === 0}
            empty="No entries match."
          >
            <TableHead>
              <HeaderCell>When</HeaderCell>
              <HeaderCell>Who</HeaderCell>
              <HeaderCell>Action</HeaderCell>
              <HeaderCell>Outcome</HeaderCell>
              <HeaderCell>Record</HeaderCell>
              <HeaderCell>From</HeaderCell>
            </TableHead>
            <tbody>
              {rows.map((r) => (
                <Row key={r.id}>
                  <Cell className="whitespace-nowrap">{formatInstant(r.createdAt, timeZone)}</Cell>
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
          <nav aria-label="Pages" className="mt-4 flex items-center gap-4">
            {cursor ? (
              <Link
                href={`/staff/audit${query.size > 0 ? `?${query}` : ""}`}
                className="text-brand-700 underline"
              >
                Newest
              </Link>
            ) : null}
            {nextCursor ? (
              <Link
                href={`/staff/audit?${new URLSearchParams([...query, ["after", nextCursor]])}`}
                className="text-brand-700 underline"
              >
                Older
              </Link>
            ) : null}
          </nav>
        </Card>
      </div>
    </>
  );
}
