import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { listApiKeys } from "@/lib/api-keys/queries";
import { staffPage } from "@/lib/auth/page-guards";
import { formatInstant } from "@/lib/dates";
import { staffPractice } from "@/lib/practice";
import { CreateApiKeyForm } from "./_components/create-api-key-form";
import { RevokeApiKeyForm } from "./_components/revoke-api-key-form";

export const metadata: Metadata = { title: "Staff · API keys" };

const SCOPE_LABEL = { READ: "Read", WRITE: "Read and write" } as const;

export default async function ApiKeysPage() {
  const actor = await staffPage("api-keys.manage");
  const practice = await staffPractice(actor.userId);
  const keys = await listApiKeys(practice.id);
  return (
    <>
      <PageTitle description="Keys the practice management system uses to call the portal's REST API (/api/v1).">
        API keys
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-2 text-xl font-semibold">Create a key</h2>
          <p className="mb-4">
            A read key lists payments, events, accounts and plans; a write key may also update statement
            balances. The key is shown once: copy it into the system that will use it. The documentation is at{" "}
            <a className="text-brand-700 underline underline-offset-2" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            .
          </p>
          <CreateApiKeyForm />
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Keys</h2>
          <Table
            caption="API keys, active first"
            className="text-sm"
            isEmpty={keys.length === 0}
            empty="No API keys yet."
            isScrollRegion
          >
            <TableHead>
              <HeaderCell>Name</HeaderCell>
              <HeaderCell>Key</HeaderCell>
              <HeaderCell>Scope</HeaderCell>
              <HeaderCell>Created</HeaderCell>
              <HeaderCell>Last used</HeaderCell>
              <HeaderCell>Status</HeaderCell>
            </TableHead>
            <tbody>
              {keys.map((k) => (
                <Row key={k.id}>
                  <RowHeader>{k.name}</RowHeader>
                  <Cell>
                    <code>{k.prefix}…</code>
                  </Cell>
                  <Cell>{SCOPE_LABEL[k.scope]}</Cell>
                  <Cell>
                    {formatInstant(k.createdAt, practice.timeZone)}
                    <span className="block text-slate-700">by {k.createdBy}</span>
                  </Cell>
                  <Cell>{k.lastUsedAt ? formatInstant(k.lastUsedAt, practice.timeZone) : "Never"}</Cell>
                  <Cell>
                    {k.revokedAt ? (
                      `Revoked ${formatInstant(k.revokedAt, practice.timeZone)}`
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
