import { getTranslations } from "next-intl/server";
import { Cell } from "@/components/ui/table";
import { formatInstant } from "@/lib/dates";

/** An exported file's cell in the staff lists: its download link when READY, else how it stands. */
export async function ExportFileCell({
  file,
  href,
  timeZone,
}: {
  file: { status: "GENERATING" | "READY" | "FAILED"; fileName: string; deliveredAt: Date | null };
  href: string;
  timeZone: string;
}) {
  const t = await getTranslations("StaffFileProgress");
  return (
    <Cell className="break-all">
      {file.status === "READY" ? (
        <>
          <a href={href} className="text-brand-700 underline underline-offset-2" download>
            {file.fileName}
          </a>
          {file.deliveredAt ? (
            <span className="block text-slate-700">
              {t("inOutboxSince", { at: formatInstant(file.deliveredAt, timeZone) })}
            </span>
          ) : null}
        </>
      ) : file.status === "FAILED" ? (
        <span>{t("failedRetried", { fileName: file.fileName })}</span>
      ) : (
        <span>{t("producing", { fileName: file.fileName })}</span>
      )}
    </Cell>
  );
}
