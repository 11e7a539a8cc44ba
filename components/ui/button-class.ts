const VARIANTS = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:bg-slate-400",
  secondary: "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 disabled:text-slate-500",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-400",
} as const;

export type TButtonVariant = keyof typeof VARIANTS;

/** Button styling for <button> and for links that look like buttons (usable in server components). */
export const buttonClass = (variant: TButtonVariant = "primary", extra = "") =>
  `inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 text-base font-semibold ${VARIANTS[variant]} ${extra}`;
