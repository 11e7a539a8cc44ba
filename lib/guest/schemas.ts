import { z } from "zod";
import { parseIsoDay } from "@/lib/dates";

/** The schema's words for each field, so the lookup form can say them in the reader's language. */
export const PROOF_FIELD_MESSAGES = {
  statementNumber: "Enter the statement number from your bill.",
  dob: "Enter the patient's date of birth.",
  zip: "Enter a 5-digit ZIP code.",
} as const;

/** Statement number plus date of birth or ZIP, as typed on the lookup and link forms. */
export const ZStatementProofInput = z
  .object({
    statementNumber: z.string().trim().min(2, PROOF_FIELD_MESSAGES.statementNumber).max(80),
    method: z.enum(["dob", "zip"]).default("dob"),
    dob: z.string().optional(),
    zip: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.method === "dob" && !(v.dob && parseIsoDay(v.dob))) {
      ctx.addIssue({ code: "custom", path: ["dob"], message: PROOF_FIELD_MESSAGES.dob });
    }
    if (v.method === "zip" && !/^\d{5}(-\d{4})?$/.test(v.zip?.trim() ?? "")) {
      ctx.addIssue({ code: "custom", path: ["zip"], message: PROOF_FIELD_MESSAGES.zip });
    }
  })
  .transform((v) =>
    v.method === "dob"
      ? { statementNumber: v.statementNumber, dob: parseIsoDay(v.dob!)! }
      : { statementNumber: v.statementNumber, zip: v.zip!.trim().slice(0, 5) },
  );
