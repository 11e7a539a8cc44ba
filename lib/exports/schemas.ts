import { z } from "zod";
import { POSTING_FORMAT_NAMES } from "@/lib/exports/posting-rows";

/** Staff producing today's sign-up file now: full or delta (the page offers the practice's mode first). */
export const ZProduceSignupFileInput = z.object({
  mode: z.enum(["FULL", "DELTA"], { error: "Choose a full file or a delta." }),
});
export type TProduceSignupFileInput = z.infer<typeof ZProduceSignupFileInput>;

/** What producing today's file did, for the page to say (the file, when there is one to download). */
export type TProduceSignupFileOutcome = {
  /** `queued`: made now, written by a job (its progress is in the list). */
  outcome: "queued" | "existing" | "in-progress" | "covered";
  fileId: string;
  fileName: string;
  mode: "FULL" | "DELTA";
  /** The file's day, `YYYY-MM-DD`. */
  businessDay: string;
  rowCount: number;
  isReady: boolean;
};

/** Staff producing a closed business day's posting file now, in one of the practice's formats. */
export const ZProducePostingFileInput = z.object({
  format: z.enum(POSTING_FORMAT_NAMES, { error: "Choose a format from the list." }),
  businessDay: z
    .string({ error: "Enter the business day." })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the business day as YYYY-MM-DD." }),
});
export type TProducePostingFileInput = z.infer<typeof ZProducePostingFileInput>;

/** What asking for a day's posting file did, for the page to say. */
export type TProducePostingFileOutcome = {
  /** `queued`: made now, written by a job (its progress is in the list). */
  outcome: "queued" | "existing" | "in-progress";
  fileId: string;
  fileName: string;
  formatName: string;
  /** `YYYY-MM-DD`. */
  businessDay: string;
  rowCount: number;
  isReady: boolean;
};

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .max(max, { error: `${label} is at most ${max} characters.` });
/** An X12 id: no delimiter of the 835 (`*`, `~`, `:`, `^`). */
const x12Id = (label: string) =>
  text(label, 15).regex(/^[^*~:^]*$/, { error: `${label} must not contain *, ~, : or ^.` });

/**
 * An admin's posting settings (docs/files.md, "Producing the posting files"): the formats
 * ticked, the cut-off as HH:MM, and the identifiers; a format that needs an identifier refuses
 * to be ticked without it. Empty optional identifiers are stored as null.
 */
export const ZPostingSettingsInput = z
  .object({
    formats: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(POSTING_FORMAT_NAMES, { error: "Choose formats from the list." })),
    ),
    cutoff: z
      .string({ error: "Enter the cut-off." })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Enter the cut-off as HH:MM, from 00:00 to 23:59." }),
    merchantId: text("The merchant ID", 50),
    storeId: text("The store ID", 50),
    terminalId: text("The terminal ID", 50),
    lockboxNumber: z
      .string()
      .trim()
      .regex(/^\d{0,6}$/, { error: "The lockbox number is 1 to 6 digits." }),
    x12SenderId: x12Id("The X12 sender ID"),
    x12ReceiverId: x12Id("The X12 receiver ID"),
    x12Account: text("The 835 account", 40).regex(/^[A-Za-z0-9-]*$/, {
      error: "The 835 account may hold letters, digits and - only.",
    }),
  })
  .superRefine((input, ctx) => {
    if (input.formats.includes("lockbox-a") && !input.lockboxNumber) {
      ctx.addIssue({
        code: "custom",
        path: ["lockboxNumber"],
        message: "Lockbox A needs the lockbox number.",
      });
    }
    if (input.formats.includes("x12-835")) {
      for (const key of ["x12SenderId", "x12ReceiverId"] as const) {
        if (!input[key])
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "The 835 needs the X12 sender and receiver IDs.",
          });
      }
    }
  });
export type TPostingSettingsInput = z.infer<typeof ZPostingSettingsInput>;
