import { describe, expect, it } from "vitest";
import { parsePostingArgs } from "@/lib/exports/posting-args";

describe("npm run posting's arguments", () => {
  it("reads the day, the format, the output file and the practice", () => {
    expect(
      parsePostingArgs([
        "--date",
        "2026-03-03",
        "--format",
        "x12-835",
        "--out",
        "a.rep",
        "--practice",
        "RFM001",
      ]),
    ).toEqual({
      ok: true,
      args: {
        businessDay: new Date("2026-03-03T00:00:00Z"),
        format: "X12_835",
        out: "a.rep",
        clientId: "RFM001",
      },
    });
    expect(parsePostingArgs(["--date=2026-03-03", "--format=imdpa-1.4"])).toMatchObject({
      ok: true,
      args: { format: "IMDPA14", out: null, clientId: null },
    });
  });

  it("says what is wrong with bad arguments", () => {
    const error = (argv: string[]) => {
      const result = parsePostingArgs(argv);
      return result.ok ? null : result.error;
    };
    expect(error(["--format", "lockbox-a"])).toMatch(/--date is required/);
    expect(error(["--date", "2026-02-30", "--format", "lockbox-a"])).toMatch(/real day/);
    expect(error(["--date", "03/03/2026", "--format", "lockbox-a"])).toMatch(/YYYY-MM-DD/);
    expect(error(["--date", "2026-03-03"])).toMatch(/--format is required: one of imdpa-1.0, .*deposit/);
    expect(error(["--date", "2026-03-03", "--format", "csv"])).toMatch(/--format must be one of/);
    expect(error(["--date", "2026-03-03", "--format", "toString"])).toMatch(/--format must be one of/);
    expect(error(["--date", "2026-03-03", "--format", "deposit", "--verbose"])).toMatch(/verbose/);
    expect(error(["--date", "2026-03-03", "--format", "deposit", "extra"])).toMatch(/extra/);
  });
});
