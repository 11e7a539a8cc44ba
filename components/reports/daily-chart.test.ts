import { NextIntlClientProvider } from "next-intl";
import { type ComponentProps, createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import staffMessages from "@/messages/staff/en";
import { DailyChart, type TChartPoint } from "./daily-chart";

/** The chart with the staff console's words, as the staff layout gives them. */
const render = (props: { title: string; points: TChartPoint[] }) =>
  renderToStaticMarkup(
    createElement(
      NextIntlClientProvider,
      // The child goes as createElement's third argument; the props' type asks for it all the same.
      { locale: "en", timeZone: "UTC", messages: staffMessages } as ComponentProps<
        typeof NextIntlClientProvider
      >,
      createElement(DailyChart, props),
    ),
  );

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("the daily collections chart", () => {
  const points: TChartPoint[] = [
    { day: day("2026-12-04"), count: 2, cents: 12540, href: "/staff/transactions?from=2026-12-04" }, // $125.40
    { day: day("2026-12-05"), count: 0, cents: 0, href: "/staff/transactions?from=2026-12-05" },
    { day: day("2026-12-06"), count: 1, cents: 89000, href: "/staff/transactions?from=2026-12-06" }, // $890.00
  ];
  const html = render({ title: "Daily collections", points });

  it("is an image named by its title and described in words", () => {
    expect(html).toContain('role="img" aria-labelledby="daily-chart-title daily-chart-desc"');
    expect(html).toContain('<title id="daily-chart-title">Daily collections</title>');
    expect(html).toContain(
      "The amount collected each day from Dec 4, 2026 to Dec 6, 2026: $1,015.40 in all, the most on Dec 6, 2026 ($890.00).",
    );
    expect(html.match(/<rect /g)).toHaveLength(3);
  });

  it("marks its amount axis in round amounts up to the highest day, each bar as tall as its day", () => {
    const axis = [...html.matchAll(/text-anchor="end"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(axis).toEqual(["$0.00", "$200.00", "$400.00", "$600.00", "$800.00", "$1,000.00"]);
    const heights = [...html.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights[1]).toBe(0);
    expect(heights[2]! / heights[0]!).toBeCloseTo(89000 / 12540, 5);
  });

  it("has the same figures in a table, newest day first, each linking to its payments", () => {
    const rows = [
      ...html.matchAll(/<th scope="row"[^>]*>([^<]+)<\/th>.*?<td[^>]*>(\d+)<\/td>.*?href="([^"]+)"/g),
    ].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([
      ["Dec 6, 2026", "1", "/staff/transactions?from=2026-12-06"],
      ["Dec 5, 2026", "0", "/staff/transactions?from=2026-12-05"],
      ["Dec 4, 2026", "2", "/staff/transactions?from=2026-12-04"],
    ]);
    expect(html).toContain("$890.00");
  });

  it("says when nothing was collected", () => {
    const none = render({ title: "Daily collections", points: points.map((p) => ({ ...p, cents: 0 })) });
    expect(none).toContain("$0.00 in all, nothing collected.");
  });
});
