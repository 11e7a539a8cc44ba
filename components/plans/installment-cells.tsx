import { Money } from "@/components/ui/money";
import { Cell } from "@/components/ui/table";
import { formatDay } from "@/lib/dates";

/**
 * An installment's number, due day and amount: the first cells of a row of the schedule and of its
 * preview. `locale`: the Intl locale (INTL_LOCALES) of the dates and amounts.
 */
export const InstallmentCells = ({
  installment,
  locale,
}: {
  installment: { sequence: number; dueDate: Date; amountCents: number };
  locale?: string;
}) => (
  <>
    <Cell>{installment.sequence}</Cell>
    <Cell>{formatDay(installment.dueDate, locale)}</Cell>
    <Cell isNumeric>
      <Money cents={installment.amountCents} locale={locale} />
    </Cell>
  </>
);
