/**
 * Table primitives, so that every table is built the same accessible way: a caption names it
 * (read to screen readers, hidden from sight), column headers carry scope="col" and a row's
 * own name scope="row", and amounts and counts are right-aligned in tabular figures so that
 * their digits line up. Cells are padded apart except the last of each row.
 */

const CELL = "py-2 pr-3 last:pr-0";
const NUMERIC = "text-right tabular-nums";

/**
 * The table in a horizontal scroller, or what to say instead when it has no rows (`isEmpty`).
 * A table wide enough to scroll on most screens is a focusable, labelled region
 * (`isScrollRegion`), so that a keyboard can scroll it too.
 */
export const Table = ({
  caption,
  isEmpty = false,
  empty,
  isScrollRegion = false,
  className = "",
  testId,
  children,
}: {
  caption: string;
  isEmpty?: boolean;
  empty?: React.ReactNode;
  isScrollRegion?: boolean;
  /** Extra classes for the <table> (text size, hiding it on small screens). */
  className?: string;
  testId?: string;
  children: React.ReactNode;
}) => {
  if (isEmpty) return <p className="text-slate-700">{empty}</p>;
  const region = isScrollRegion ? ({ tabIndex: 0, role: "region", "aria-label": caption } as const) : {};
  return (
    <div className="overflow-x-auto" {...region}>
      <table className={`w-full text-left ${className}`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
};

/** The header row; its cells are `HeaderCell`s. */
export const TableHead = ({
  className = "",
  children,
}: {
  className?: string;
  children: React.ReactNode;
}) => (
  <thead>
    <tr className={`border-b border-slate-300 ${className}`}>{children}</tr>
  </thead>
);

export const HeaderCell = ({
  isNumeric = false,
  children,
}: {
  isNumeric?: boolean;
  children: React.ReactNode;
}) => (
  <th scope="col" className={`${CELL} ${isNumeric ? "text-right" : ""}`}>
    {children}
  </th>
);

/** A body row. */
export const Row = ({ children }: { children: React.ReactNode }) => (
  <tr className="border-b border-slate-200 align-top">{children}</tr>
);

/** The cell that names its row (a day, a statement number, "Total"). */
export const RowHeader = ({
  isNumeric = false,
  isStrong = false,
  className = "",
  children,
}: {
  isNumeric?: boolean;
  isStrong?: boolean;
  className?: string;
  children: React.ReactNode;
}) => (
  <th
    scope="row"
    className={`${CELL} ${isStrong ? "font-bold" : "font-normal"} ${isNumeric ? NUMERIC : ""} ${className}`}
  >
    {children}
  </th>
);

export const Cell = ({
  isNumeric = false,
  className = "",
  children,
}: {
  isNumeric?: boolean;
  className?: string;
  children?: React.ReactNode;
}) => <td className={`${CELL} ${isNumeric ? NUMERIC : ""} ${className}`}>{children}</td>;
