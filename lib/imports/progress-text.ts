/** The words of an import's progress display (pure: the client component and its tests use it). */

import { countText } from "@/lib/progress/progress";

export { rowsDoneText, timeLeftText } from "@/lib/progress/progress";

/** How far an import has got, as its page's progress bar polls it (JSON-ready). */
export type TImportProgressView = {
  status: "RECEIVED" | "PROCESSING" | "PROCESSED" | "FAILED";
  rowsDone: number;
  totalRows: number | null;
  rejected: number;
  /** At the pace so far; null while unknown. */
  secondsLeft: number | null;
  failureReason: string | null;
};

/** "15 rejected so far" / "1 rejected" once done. */
export const rejectedText = (rejected: number, isDone: boolean) =>
  `${countText(rejected)} rejected${isDone ? "" : " so far"}`;
