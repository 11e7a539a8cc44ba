import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-class";
import { SelectField, TextField } from "@/components/ui/field";
import {
  CHANNEL_FILTERS,
  CHANNEL_KEYS,
  METHOD_FILTERS,
  METHOD_KEYS,
  SORTS,
  STATUS_FILTERS,
  type TFilterField,
  type TSort,
  type TStatusFilter,
} from "@/lib/reports/filters";

/**
 * The list's filters: a plain GET form (works without JavaScript), its values the address's as
 * typed, so that a bad one is shown back with its message.
 */
export async function TransactionFiltersForm({
  values,
  errors,
  staff,
}: {
  values: Partial<Record<TFilterField, string>>;
  errors: Partial<Record<TFilterField, string[]>>;
  staff: readonly { id: string; firstName: string; lastName: string }[];
}) {
  const t = await getTranslations("StaffTransactionFilters");
  return (
    <form action="/staff/transactions" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <TextField label={t("from")} name="from" type="date" defaultValue={values.from} errors={errors.from} />
      <TextField label={t("to")} name="to" type="date" defaultValue={values.to} errors={errors.to} />
      <SelectField
        label={t("status")}
        name="status"
        defaultValue={values.status ?? ""}
        errors={errors.status}
        placeholder={t("anyStatus")}
        options={(Object.keys(STATUS_FILTERS) as TStatusFilter[]).map(
          (k) => [k, STATUS_FILTERS[k].label] as const,
        )}
      />
      <SelectField
        label={t("method")}
        name="method"
        defaultValue={values.method ?? ""}
        errors={errors.method}
        placeholder={t("anyMethod")}
        options={METHOD_KEYS.map((k) => [k, METHOD_FILTERS[k].label] as const)}
      />
      <SelectField
        label={t("channel")}
        name="channel"
        defaultValue={values.channel ?? ""}
        errors={errors.channel}
        placeholder={t("anyChannel")}
        options={CHANNEL_KEYS.map((k) => [k, CHANNEL_FILTERS[k].label] as const)}
      />
      <SelectField
        label={t("takenBy")}
        name="staff"
        defaultValue={values.staff ?? ""}
        errors={errors.staff}
        placeholder={t("anyone")}
        options={staff.map((s) => [s.id, `${s.lastName}, ${s.firstName}`] as const)}
      />
      <TextField
        label={t("min")}
        name="min"
        inputMode="decimal"
        defaultValue={values.min}
        errors={errors.min}
        hint={t("inDollars")}
      />
      <TextField
        label={t("max")}
        name="max"
        inputMode="decimal"
        defaultValue={values.max}
        errors={errors.max}
        hint={t("inDollars")}
      />
      <TextField label={t("receipt")} name="receipt" defaultValue={values.receipt} errors={errors.receipt} />
      <TextField
        label={t("last4")}
        name="last4"
        inputMode="numeric"
        maxLength={4}
        defaultValue={values.last4}
        errors={errors.last4}
        hint={t("last4Hint")}
      />
      <TextField label={t("account")} name="account" defaultValue={values.account} errors={errors.account} />
      <SelectField
        label={t("order")}
        name="sort"
        defaultValue={values.sort ?? "newest"}
        errors={errors.sort}
        options={(Object.keys(SORTS) as TSort[]).map((k) => [k, SORTS[k]] as const)}
      />
      {values.batch ? <input type="hidden" name="batch" value={values.batch} /> : null}
      <div className="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-3">
        <button type="submit" className={buttonClass("primary")}>
          {t("apply")}
        </button>
        <Link href="/staff/transactions" className={buttonClass("secondary")}>
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}
