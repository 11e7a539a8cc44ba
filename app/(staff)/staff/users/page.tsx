import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { hasRecentSecondFactor } from "@/lib/auth/session";
import { isStaffRole } from "@/lib/auth/permissions";
import { formatInstant } from "@/lib/dates";
import { listStaffUsers, type TStaffUserRow } from "@/lib/staff-users/manage-users";
import { ImportStaffForm } from "./_components/import-form";
import { InviteForm } from "./_components/invite-form";
import { UserActions } from "./_components/user-actions";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffUsers");
  return { title: t("metaTitle") };
}

async function StaffUsersPage() {
  const actor = await staffPage("users.manage");
  const [{ users, timeZone }, isSecondFactorFresh, t, tRole] = await Promise.all([
    listStaffUsers(actor.practiceId),
    hasRecentSecondFactor(),
    getTranslations("StaffUsers"),
    getTranslations("StaffRoles"),
  ]);
  const status = (s: TStaffUserRow["status"]) => t(`statuses.${s}`);
  return (
    <>
      <PageTitle
        description={t.rich("description", {
          roles: (chunks) => (
            <Link href="/staff/roles" className="text-brand-700 underline underline-offset-2">
              {chunks}
            </Link>
          ),
        })}
      >
        {t("title")}
      </PageTitle>
      <div className="flex flex-col gap-6">
        {isSecondFactorFresh ? null : (
          <Notice tone="warning">
            <p>{t("stepUp")}</p>
            <Link
              href={`/mfa?callbackUrl=${encodeURIComponent("/staff/users")}`}
              className="font-semibold underline"
            >
              {t("confirm")}
            </Link>
          </Notice>
        )}
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("inviteHeading")}</h2>
          <InviteForm />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("importHeading")}</h2>
          <p className="mb-3 text-sm text-slate-700">{t("importIntro")}</p>
          <ImportStaffForm />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("staffHeading")}</h2>
          <Table
            caption={t("caption")}
            isScrollRegion
            testId="staff-users"
            isEmpty={users.length === 0}
            empty={t("none")}
          >
            <TableHead>
              <HeaderCell>{t("name")}</HeaderCell>
              <HeaderCell>{t("email")}</HeaderCell>
              <HeaderCell>{t("role")}</HeaderCell>
              <HeaderCell>{t("status")}</HeaderCell>
              <HeaderCell>{t("lastSignIn")}</HeaderCell>
              <HeaderCell>{t("changes")}</HeaderCell>
            </TableHead>
            <tbody>
              {users.map((u) => (
                <Row key={u.id}>
                  <RowHeader>{u.name}</RowHeader>
                  <Cell className="break-all">{u.email}</Cell>
                  <Cell>{tRole(u.role)}</Cell>
                  <Cell>{status(u.status)}</Cell>
                  <Cell className="whitespace-nowrap">
                    {u.lastSignInAt ? formatInstant(u.lastSignInAt, timeZone) : t("never")}
                  </Cell>
                  <Cell>
                    {isStaffRole(u.role) ? (
                      <UserActions
                        userId={u.id}
                        name={u.name}
                        role={u.role}
                        isDisabled={u.status === "DISABLED"}
                        isSelf={u.id === actor.userId}
                      />
                    ) : null}
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

export default withStaffMessages(["StaffRoles", "StaffUsers"], StaffUsersPage);
