import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { ALL_PERMISSIONS, STAFF_ROLES, hasPermission, permissionKey } from "@/lib/auth/permissions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffRolesPage");
  return { title: t("metaTitle") };
}

/**
 * The permission matrix, read-only, for every staff member: drawn from ROLE_PERMISSIONS itself,
 * the map every guard checks, so what it shows is what is enforced.
 */
export default async function RolesPage() {
  const [actor, t, tRole, tPermission] = await Promise.all([
    staffPage(),
    getTranslations("StaffRolesPage"),
    getTranslations("StaffRoles"),
    getTranslations("StaffPermissions"),
  ]);
  return (
    <>
      <PageTitle description={t("description", { role: tRole(actor.role) })}>{t("title")}</PageTitle>
      <Card>
        <Table caption={t("caption")} isScrollRegion testId="permission-matrix">
          <TableHead>
            <HeaderCell>{t("permission")}</HeaderCell>
            {STAFF_ROLES.map((role) => (
              <HeaderCell key={role}>{tRole(role)}</HeaderCell>
            ))}
          </TableHead>
          <tbody>
            {ALL_PERMISSIONS.map((permission) => (
              <Row key={permission}>
                <RowHeader>
                  {tPermission(permissionKey(permission))}{" "}
                  <span className="font-mono text-sm text-slate-700">({permission})</span>
                </RowHeader>
                {STAFF_ROLES.map((role) => (
                  <Cell key={role}>
                    {hasPermission(role, permission) ? (
                      <span className="font-semibold text-green-800">{t("yes")}</span>
                    ) : (
                      <span className="text-slate-700">{t("no")}</span>
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
