import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function Pager({
  page,
  pageSize,
  total,
  basePath,
}: {
  page: number;
  pageSize: number;
  total: number;
  basePath: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const t = await getTranslations("StaffPager");
  return (
    <nav aria-label={t("label")} className="mt-4 flex items-center gap-4">
      {page > 1 ? (
        <Link href={`${basePath}?page=${page - 1}`} className="text-brand-700 underline">
          {t("newer")}
        </Link>
      ) : null}
      <span className="text-sm text-slate-700">
        {t("page", { page: String(page), pages: String(pages) })}
      </span>
      {page < pages ? (
        <Link href={`${basePath}?page=${page + 1}`} className="text-brand-700 underline">
          {t("older")}
        </Link>
      ) : null}
    </nav>
  );
}

export const pageFrom = (value: string | undefined) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
};
