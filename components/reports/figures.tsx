import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { Money } from "@/components/ui/money";

export type TFigureView = { count: number; cents: number; href: string };

const LINK = "text-brand-700 underline underline-offset-2";

/** A figure's count and amount, each a link to the payments behind it. */
export function FigureCells({ figure, testId }: { figure: TFigureView; testId?: string }) {
  return (
    <>
      <Cell isNumeric>
        <Link href={figure.href} className={LINK} data-testid={testId && `${testId}-count`}>
          {figure.count}
        </Link>
      </Cell>
      <Cell isNumeric>
        <Link href={figure.href} className={LINK} data-testid={testId && `${testId}-amount`}>
          <Money cents={figure.cents} />
        </Link>
      </Cell>
    </>
  );
}

/** A table of named figures: a row each, its count and its amount linking to its payments. */
export async function FigureTable({
  caption,
  heading,
  amountHeading,
  rows,
}: {
  caption: string;
  heading: string;
  amountHeading?: string;
  rows: readonly { label: string; figure: TFigureView; testId?: string }[];
}) {
  const t = await getTranslations("StaffFigures");
  return (
    <Table caption={caption} className="text-sm">
      <TableHead>
        <HeaderCell>{heading}</HeaderCell>
        <HeaderCell isNumeric>{t("payments")}</HeaderCell>
        <HeaderCell isNumeric>{amountHeading ?? t("amount")}</HeaderCell>
      </TableHead>
      <tbody>
        {rows.map((r) => (
          <Row key={r.label}>
            <RowHeader>{r.label}</RowHeader>
            <FigureCells figure={r.figure} testId={r.testId} />
          </Row>
        ))}
      </tbody>
    </Table>
  );
}
