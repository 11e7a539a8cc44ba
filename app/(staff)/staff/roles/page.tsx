import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import {
  ALL_PERMISSIONS,
  PERMISSION_LABELS,
  ROLE_LABELS,
  STAFF_ROLES,
  hasPermission,
} from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Staff · Roles and permissions" };

/**
 * The permission matrix, read-only, for every staff member: drawn from ROLE_PERMISSIONS itself,
 * the map every guard checks, so what it shows is what is enforced.
 */
export default async function RolesPage() {
  const actor = await staffPage();
  return (
    <>
      <PageTitle description={`What each staff role may do. You are: ${ROLE_LABELS[actor.role]}.`}>
        Roles and permissions
      </PageTitle>
      <Card>
        <Table caption="Permissions of each staff role" isScrollRegion testId="permission-matrix">
          <TableHead>
            <HeaderCell>Permission</HeaderCell>
            {STAFF_ROLES.map((role) => (
              <HeaderCell key={role}>{ROLE_LABELS[role]}</HeaderCell>
            ))}
          </TableHead>
          <tbody>
            {ALL_PERMISSIONS.map((permission) => (
              <Row key={permission}>
                <RowHeader>
                  {PERMISSION_LABELS[permission]}{" "}
                  <span className="font-mono text-sm text-slate-700">({permission})</span>
                </RowHeader>
                {STAFF_ROLES.map((role) => (
                  <Cell key={role}>
                    {hasPermission(role, permission) ? (
                      <span className="font-semibold text-green-800">Yes</span>
                    ) : (
                      <span className="text-slate-700">No</span>
                    )}
                  </Cell>
                ))}
              </Row>
            ))}
          </tbody>
        </Table>
      </Card>
    </>
  );
}
