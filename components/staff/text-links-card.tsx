import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { RevokeTextLinkForm } from "@/components/staff/revoke-text-link-form";
import { formatInstant } from "@/lib/dates";
import type { TStaffTextLink } from "@/lib/text-to-pay/staff-links";

/**
 * An account's text-to-pay links on the staff account page (docs/sms.md, "Text-to-pay"): the
 * statement, when it was made and expires, whether it was opened, what it is now, and, for staff
 * who may (`sms.links`), a Revoke button on an active one.
 */
export async function TextLinksCard({
  links,
  canRevoke,
  timeZone,
}: {
  links: TStaffTextLink[];
  canRevoke: boolean;
  timeZone: string;
}) {
  const t = await getTranslations("StaffTextLinks");
  const canRevokeAny = canRevoke && links.some((l) => l.status === "active");
  return (
    <Card className="md:col-span-3">
      <h2 className="mb-2 text-lg font-semibold">{t("heading")}</h2>
      <p className="mb-3 text-sm text-slate-700">{t("intro")}</p>
      <Table caption={t("caption")} isEmpty={links.length === 0} empty={t("none")} testId="text-links">
        <TableHead className="text-sm text-slate-700">
          <HeaderCell>{t("statement")}</HeaderCell>
          <HeaderCell>{t("made")}</HeaderCell>
          <HeaderCell>{t("expires")}</HeaderCell>
          <HeaderCell>{t("opened")}</HeaderCell>
          <HeaderCell>{t("status")}</HeaderCell>
          {canRevokeAny ? <HeaderCell>{t("action")}</HeaderCell> : null}
        </TableHead>
        <tbody>
          {links.map((l) => (
            <Row key={l.id}>
              <RowHeader>{l.statementNumber}</RowHeader>
              <Cell>{formatInstant(l.createdAt, timeZone)}</Cell>
              <Cell>{formatInstant(l.expiresAt, timeZone)}</Cell>
              <Cell>{l.firstOpenedAt ? formatInstant(l.firstOpenedAt, timeZone) : t("notOpened")}</Cell>
              <Cell>
                {l.status === "revoked"
                  ? t("statuses.revoked", { date: l.revokedAt ? formatInstant(l.revokedAt, timeZone) : "" })
                  : t(`statuses.${l.status}`)}
              </Cell>
              {canRevokeAny ? (
                <Cell>
                  {l.status === "active" ? (
                    <RevokeTextLinkForm linkId={l.id} statementNumber={l.statementNumber} />
                  ) : null}
                </Cell>
              ) : null}
            </Row>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
