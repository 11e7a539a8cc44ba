import { parseArgs } from "node:util";
import { parseIsoDay } from "@/lib/dates";
import { POSTING_FORMAT_NAMES, POSTING_FORMATS, type TPostingFormat } from "@/lib/exports/posting-rows";

/** `npm run posting` usage, printed with every argument error. */
export const POSTING_USAGE = `Usage: npm run posting -- --date YYYY-MM-DD --format ${POSTING_FORMAT_NAMES.join("|")} [--out FILE] [--practice CLIENT_ID]`;

export type TPostingArgs = {
  businessDay: Date;
  format: TPostingFormat;
  out: string | null;
  clientId: string | null;
};

/** The command's arguments, or a sentence saying what is wrong with them. */
export const parsePostingArgs = (
  argv: string[],
): { ok: true; args: TPostingArgs } | { ok: false; error: string } => {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        date: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        practice: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (!values.date) return { ok: false, error: "--date is required (the business day, YYYY-MM-DD)." };
  const businessDay = parseIsoDay(values.date);
  if (!businessDay) return { ok: false, error: `--date must be a real day written YYYY-MM-DD.` };
  if (!values.format)
    return { ok: false, error: `--format is required: one of ${POSTING_FORMAT_NAMES.join(", ")}.` };
  if (!Object.hasOwn(POSTING_FORMATS, values.format)) {
    return { ok: false, error: `--format must be one of ${POSTING_FORMAT_NAMES.join(", ")}.` };
  }
  if (values.out === "") return { ok: false, error: "--out needs a file name." };
  return {
    ok: true,
    args: {
      businessDay,
      format: POSTING_FORMATS[values.format as keyof typeof POSTING_FORMATS],
      out: values.out ?? null,
      clientId: values.practice ?? null,
    },
  };
};
