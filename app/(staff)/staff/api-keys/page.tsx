import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { listApiKeys } from "@/lib/api-keys/queries";
import { staffPage } from "@/lib/auth/page-guards";
import { formatInstant } from "@/lib/dates";
import { staffPractice } from "@/lib/practice";
import { CreateApiKeyForm } from "./_components/create-api-key-form";
import { RevokeApiKeyForm } from "./_components/revoke-api-key-form";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

/** The API's documentation: its address is its name. */
const OPENAPI_PATH = "/api/v1/openapi.json";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffApiKeys");
  return { title: t("metaTitle") };
}

async function ApiKeysPage() {
  const [actor, t] = await Promise.all([staffPage("api-keys.manage"), getTranslations("StaffApiKeys")]);
  const practice = await staffPractice(actor.userId);
  const keys = await listApiKeys(practice.id);
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-2 text-xl font-semibold">{t("createHeading")}</h2>
          <p className="mb-4">
            {t("createIntro")}{" "}
            <a className="text-brand-700 underline underline-offset-2" href={OPENAPI_PATH}>
              {OPENAPI_PATH}
            </a>
            .
          </p>
          <CreateApiKeyForm />
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("keysHeading")}</h2>
          <Table
            caption={t("caption")}
            className="text-sm"
            isEmpty={keys.length === 0}
            empty={t("none")}
            isScrollRegion
          >
            <TableHead>
              <HeaderCell>{t("name")}</HeaderCell>
              <HeaderCell>{t("key")}</HeaderCell>
              <HeaderCell>{t("scope")}</HeaderCell>
              <HeaderCell>{t("created")}</HeaderCell>
              <HeaderCell>{t("lastUsed")}</HeaderCell>
              <HeaderCell>{t("status")}</HeaderCell>
            </TableHead>
            <tbody>
              {keys.map((k) => (
                <Row key={k.id}>
                  <RowHeader>{k.name}</RowHeader>
                  <Cell>
                    <code>{k.prefix}…</code>
                  </Cell>
                  <Cell>{t(`scopes.${k.scope}`)}</Cell>
                  <Cell>
                    {formatInstant(k.createdAt, practice.timeZone)}
                    <span className="block text-slate-700">{t("by", { who: k.createdBy })}</span>
                  </Cell>
                  <Cell>{k.lastUsedAt ? formatInstant(k.lastUsedAt, practice.timeZone) : t("never")}</Cell>
                  <Cell>
                    {k.revokedAt ? (
                      t("revoked", { at: formatInstant(k.revokedAt, practice.timeZone) })
                    ) : (
                      <RevokeApiKeyForm apiKeyId={k.id} name={k.name} prefix={k.prefix} />
                    )}
                  </Cell>
                </Row>
              ))}
            </tbody>
          </Table>
        </Card>
      </div>
    </>
  );
}

export default withStaffMessages(["StaffApiKeys"], ApiKeysPage);
