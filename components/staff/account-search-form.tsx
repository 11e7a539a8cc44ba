import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-class";

/** The staff account search (the dashboard and /staff/search): a GET form to /staff/search. */
export async function AccountSearchForm({ query }: { query?: string }) {
  const t = await getTranslations("StaffSearch");
  return (
    <form role="search" action="/staff/search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="flex flex-1 flex-col gap-1">
        <label htmlFor="q" className="font-medium">
          {t("label")}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query}
          minLength={2}
          className="min-h-11 rounded-md border border-slate-400 px-3 py-2"
        />
      </div>
      <button type="submit" className={buttonClass("primary")}>
        {t("submit")}
      </button>
    </form>
  );
}
