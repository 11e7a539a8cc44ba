import { scaleBand, scaleLinear } from "d3-scale";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { Money } from "@/components/ui/money";
import { formatDay } from "@/lib/dates";
import { formatCents } from "@/lib/money";

export type TChartPoint = { day: Date; count: number; cents: number; href: string };

const WIDTH = 720;
const HEIGHT = 220;
const LEFT = 72;
const BOTTOM = 28;
const TOP = 12;

/**
 * Daily collections as a bar chart drawn on the server with d3-scale (the days on a band scale,
 * the amounts on a linear scale with round ticks): SVG only, so the page sends no JavaScript for
 * it. Named for screen readers (role="img", its title and a description that gives the range,
 * the highest day and the total), with the same figures in a table beneath it, each day linking
 * to its payments.
 */
export function DailyChart({ title, points }: { title: string; points: readonly TChartPoint[] }) {
  const t = useTranslations("StaffDailyChart");
  const top = points.reduce<TChartPoint | null>(
    (best, p) => (!best || p.cents > best.cents ? p : best),
    null,
  );
  const total = points.reduce((n, p) => n + p.cents, 0);
  const first = points[0];
  const last = points.at(-1);
  const x = scaleBand<string>()
    .domain(points.map((p) => p.day.toISOString()))
    .range([LEFT, WIDTH - 8])
    .paddingInner(0.3)
    .paddingOuter(0.15);
  // Round amounts on the axis ($0, $500, $1,000 …), whole dollars; an empty range still has one.
  const y = scaleLinear()
    .domain([0, Math.max(100, top?.cents ?? 0)])
    .range([HEIGHT - BOTTOM, TOP])
    .nice(4);
  const ticks = y.ticks(4).filter((cents) => Number.isInteger(cents / 100));
  const description =
    first && last
      ? t("description", {
          from: formatDay(first.day),
          to: formatDay(last.day),
          total: formatCents(total),
          most:
            top && top.cents > 0
              ? t("most", { day: formatDay(top.day), amount: formatCents(top.cents) })
              : t("nothing"),
        })
      : t("noDays");
  const labelled = points.filter((_, i) => i === 0 || i === points.length - 1 || i % 7 === 0);
  return (
    <figure>
      <svg
        role="img"
        aria-labelledby="daily-chart-title daily-chart-desc"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full"
      >
        <title id="daily-chart-title">{title}</title>
        <desc id="daily-chart-desc">{description}</desc>
        {ticks.map((cents) => (
          <g key={cents}>
            <line x1={LEFT} x2={WIDTH - 8} y1={y(cents)} y2={y(cents)} className="stroke-slate-300" />
            <text x={LEFT - 6} y={y(cents) + 4} textAnchor="end" className="fill-slate-700 text-[11px]">
              {formatCents(cents)}
            </text>
          </g>
        ))}
        {points.map((p) => (
          <rect
            key={p.day.toISOString()}
            x={x(p.day.toISOString())}
            y={y(p.cents)}
            width={Math.max(1, x.bandwidth())}
            height={y(0) - y(p.cents)}
            className="fill-brand-600"
          />
        ))}
        {labelled.map((p) => (
          <text
            key={p.day.toISOString()}
            x={(x(p.day.toISOString()) ?? LEFT) + x.bandwidth() / 2}
            y={HEIGHT - 8}
            textAnchor="middle"
            className="fill-slate-700 text-[11px]"
          >
            {formatDay(p.day).replace(/, \d{4}$/, "")}
          </text>
        ))}
      </svg>
      <details className="mt-3">
        <summary className="cursor-pointer text-brand-700 underline underline-offset-2">
          {t("asTable")}
        </summary>
        <Table caption={title} className="mt-2 text-sm" isScrollRegion>
          <TableHead>
            <HeaderCell>{t("day")}</HeaderCell>
            <HeaderCell isNumeric>{t("payments")}</HeaderCell>
            <HeaderCell isNumeric>{t("collected")}</HeaderCell>
          </TableHead>
          <tbody>
            {[...points].reverse().map((p) => (
              <Row key={p.day.toISOString()}>
                <RowHeader>{formatDay(p.day)}</RowHeader>
                <Cell isNumeric>{p.count}</Cell>
                <Cell isNumeric>
                  <Link href={p.href} className="text-brand-700 underline underline-offset-2">
                    <Money cents={p.cents} />
                  </Link>
                </Cell>
              </Row>
            ))}
          </tbody>
        </Table>
      </details>
    </figure>
  );
}
