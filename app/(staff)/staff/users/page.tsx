import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { hasRecentSecondFactor } from "@/lib/auth/session";
import { ROLE_LABELS, isStaffRole } from "@/lib/auth/permissions";
import { formatInstant } from "@/lib/dates";
import { listStaffUsers, type TStaffUserRow } from "@/lib/staff-users/manage-users";
import { ImportStaffForm } from "./_components/import-form";
import { InviteForm } from "./_components/invite-form";
import { UserActions } from "./_components/user-actions";

export const metadata: Metadata = { title: "Staff · Users" };

const STATUS: Record<TStaffUserRow["status"], string> = {
  ACTIVE: "Active",
  INVITED: "Invited (no password yet)",
  RESET: "Must choose a new password",
  DISABLED: "Disabled",
};

export default async function StaffUsersPage() {
  const actor = await staffPage("users.manage");
  const [{ users, timeZone }, isSecondFactorFresh] = await Promise.all([
    listStaffUsers(actor.practiceId),
    hasRecentSecondFactor(),
  ]);
  return (
    <>
      <PageTitle
        description={
          <>
            Who works in the billing console, and what each may do (
            <Link href="/staff/roles" className="text-brand-700 underline underline-offset-2">
              roles and permissions
            </Link>
            ).
          </>
        }
      >
        Staff users
      </PageTitle>
      <div className="flex flex-col gap-6">
        {isSecondFactorFresh ? null : (
          <Notice tone="warning">
            <p>
              Changing staff users needs a fresh check of your second factor (a code from your authenticator
              app, or your passkey): the last one is over 15 minutes old.
            </p>
            <Link
              href={`/mfa?callbackUrl=${encodeURIComponent("/staff/users")}`}
              className="font-semibold underline"
            >
              Confirm it&apos;s you
            </Link>
          </Notice>
        )}
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Invite a staff member</h2>
          <InviteForm />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Import staff users</h2>
          <p className="mb-3 text-sm text-slate-700">
            InstaMed&apos;s staff user export (User ID, Display Name, Email, Password, Role 1 to Role 10).
            Each user must replace the temporary password at the first sign-in. Bad rows are reported and the
            rest go in; the same file again changes nothing.
          </p>
          <ImportStaffForm />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Staff</h2>
          <Table
            caption="Staff users of the practice"
            isScrollRegion
            testId="staff-users"
            isEmpty={users.length === 0}
            empty="No staff users."
          >
            <TableHead>
              <HeaderCell>Name</HeaderCell>
              <HeaderCell>Email</HeaderCell>
              <HeaderCell>Role</HeaderCell>
              <HeaderCell>Status</HeaderCell>
              <HeaderCell>Last sign-in</HeaderCell>
              <HeaderCell>Changes</HeaderCell>
            </TableHead>
            <tbody>
              {users.map((u) => (
                <Row key={u.id}>
                  <RowHeader>{u.name}</RowHeader>
                  <Cell className="break-all">{u.email}</Cell>
                  <Cell>{ROLE_LABELS[u.role]}</Cell>
                  <Cell>{STATUS[u.status]}</Cell>
                  <Cell className="whitespace-nowrap">
                    {u.lastSignInAt ? formatInstant(u.lastSignInAt, timeZone) : "Never"}
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
