import { z } from "zod";

/** Staff producing today's sign-up file now: full or delta (the page offers the practice's mode first). */
export const ZProduceSignupFileInput = z.object({
  mode: z.enum(["FULL", "DELTA"], { error: "Choose a full file or a delta." }),
});
export type TProduceSignupFileInput = z.infer<typeof ZProduceSignupFileInput>;

/** What producing today's file did, for the page to say (the file, when there is one to download). */
export type TProduceSignupFileOutcome = {
  outcome: "produced" | "existing" | "in-progress" | "covered";
  fileId: string;
  fileName: string;
  mode: "FULL" | "DELTA";
  /** The file's day, `YYYY-MM-DD`. */
  businessDay: string;
  rowCount: number;
  isReady: boolean;
};
