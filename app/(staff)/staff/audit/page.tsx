import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button-class";
import { controlClass, Field } from "@/components/ui/field";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { AUDIT_OUTCOMES, auditFiltersFrom, auditFiltersQuery, searchAuditLog } from "@/lib/audit/search";
import { formatInstant } from "@/lib/dates";
import { staffPractice } from "@/lib/practice";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffAudit");
  return { title: t("metaTitle") };
}

const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : "");

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [actor, t] = await Promise.all([staffPage("audit.view"), getTranslations("StaffAudit")]);
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
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("search")}</h2>
          <form method="get" action="/staff/audit" className="grid gap-4 sm:grid-cols-2">
            <Field label={t("who")} hint={t("whoHint")} errors={errors.who ? [errors.who] : undefined}>
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
              label={t("action")}
              hint={t("actionHint")}
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
            <Field label={t("record")} hint={t("recordHint")}>
              {(control) => (
                <input
                  {...control}
                  name="record"
                  defaultValue={raw("record")}
                  className={controlClass(false)}
                />
              )}
            </Field>
            <Field label={t("outcome")}>
              {(control) => (
                <select
                  {...control}
                  name="outcome"
                  defaultValue={filters.outcome ?? ""}
                  className={controlClass(false)}
                >
                  <option value="">{t("any")}</option>
                  {AUDIT_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {o.toLowerCase()}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t("from")}
              hint={t("fromHint", { zone: zoneName })}
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
            <Field label={t("to")} errors={errors.to ? [errors.to] : undefined}>
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
                {t("submit")}
              </button>
              <Link href="/staff/audit" className="text-brand-700 underline underline-offset-2">
                {t("clear")}
              </Link>
              <a
                href={`/staff/audit/export${query.size > 0 ? `?${query}` : ""}`}
                className={buttonClass("secondary")}
                download
              >
                {t("downloadCsv")}
              </a>
            </div>
          </form>
        </Card>
        <Card>
          <Table
            caption={t("caption")}
            className="text-sm"
            isScrollRegion
            isEmpty={rows.length === 0}
            empty={t("none")}
          >
            <TableHead>
              <HeaderCell>{t("whenColumn")}</HeaderCell>
              <HeaderCell>{t("whoColumn")}</HeaderCell>
              <HeaderCell>{t("actionColumn")}</HeaderCell>
              <HeaderCell>{t("outcomeColumn")}</HeaderCell>
              <HeaderCell>{t("recordColumn")}</HeaderCell>
              <HeaderCell>{t("fromColumn")}</HeaderCell>
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
          <nav aria-label={t("pages")} className="mt-4 flex items-center gap-4">
            {cursor ? (
              <Link
                href={`/staff/audit${query.size > 0 ? `?${query}` : ""}`}
                className="text-brand-700 underline"
              >
                {t("newest")}
              </Link>
            ) : null}
            {nextCursor ? (
              <Link
                href={`/staff/audit?${new URLSearchParams([...query, ["after", nextCursor]])}`}
                className="text-brand-700 underline"
              >
                {t("older")}
              </Link>
            ) : null}
          </nav>
        </Card>
      </div>
    </>
  );
}
