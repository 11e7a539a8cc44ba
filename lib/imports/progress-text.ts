/** The words of an import's progress display (pure: the client component and its tests use it). */

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

const count = (n: number) => n.toLocaleString("en-US");

/** "about 5 seconds left", "about 2 minutes left", "less than a second left"; null when unknown. */
export const timeLeftText = (secondsLeft: number | null) => {
  if (secondsLeft === null) return null;
  if (secondsLeft < 1) return "less than a second left";
  if (secondsLeft < 90) return `about ${secondsLeft} second${secondsLeft === 1 ? "" : "s"} left`;
  const minutes = Math.round(secondsLeft / 60);
  if (minutes < 90) return `about ${minutes} minutes left`;
  return `about ${Math.round(minutes / 60)} hours left`;
};

/** "12,000 of 20,000 rows done" (a total not known: "12,000 rows done"). */
export const rowsDoneText = (rowsDone: number, totalRows: number | null) =>
  totalRows === null ? `${count(rowsDone)} rows done` : `${count(rowsDone)} of ${count(totalRows)} rows done`;

/** "15 rejected so far" / "1 rejected" once done. */
export const rejectedText = (rejected: number, isDone: boolean) =>
  `${count(rejected)} rejected${isDone ? "" : " so far"}`;
