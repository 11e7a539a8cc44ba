import { Cell } from "@/components/ui/table";
import { formatInstant } from "@/lib/dates";

/** An exported file's cell in the staff lists: its download link when READY, else how it stands. */
export function ExportFileCell({
  file,
  href,
  timeZone,
}: {
  file: { status: "GENERATING" | "READY" | "FAILED"; fileName: string; deliveredAt: Date | null };
  href: string;
  timeZone: string;
}) {
  return (
    <Cell className="break-all">
      {file.status === "READY" ? (
        <>
          <a href={href} className="text-brand-700 underline underline-offset-2" download>
            {file.fileName}
          </a>
          {file.deliveredAt ? (
            <span className="block text-slate-700">
              In the outbox since {formatInstant(file.deliveredAt, timeZone)}
            </span>
          ) : null}
        </>
      ) : file.status === "FAILED" ? (
        <span>{file.fileName}: failed; it is tried again within the hour.</span>
      ) : (
        <span>{file.fileName}: being produced…</span>
      )}
    </Cell>
  );
}
