import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/field";
import type { TFieldErrors } from "@/lib/result";

/** First and last name side by side (sign-up, the profile's contact details). */
export const NameFields = ({
  errors,
  defaults,
}: {
  errors?: TFieldErrors;
  defaults?: { firstName: string; lastName: string };
}) => {
  const t = useTranslations("AccountFields");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        label={t("firstName")}
        name="firstName"
        autoComplete="given-name"
        defaultValue={defaults?.firstName}
        required
        errors={errors?.firstName}
      />
      <TextField
        label={t("lastName")}
        name="lastName"
        autoComplete="family-name"
        defaultValue={defaults?.lastName}
        required
        errors={errors?.lastName}
      />
    </div>
  );
};

/** The address a login's mail goes to (sign-up, a forgotten password). */
export const EmailField = ({ errors }: { errors?: TFieldErrors }) => {
  const t = useTranslations("AccountFields");
  return (
    <TextField
      label={t("email")}
      name="email"
      type="email"
      autoComplete="email"
      required
      errors={errors?.email}
    />
  );
};

/** A new password with its rules, and the same typed again ("Confirm password"; `isNew`: "New password", "Confirm new password"). */
export const NewPasswordFields = ({
  name,
  isNew = false,
  errors,
}: {
  name: "password" | "newPassword";
  isNew?: boolean;
  errors?: TFieldErrors;
}) => {
  const t = useTranslations("AccountFields");
  // The password rules are the server's words (lib/auth/password-rules.ts), said in the reader's language.
  const rules = useTranslations("ServerErrors")("passwordRules");
  return (
    <>
      <TextField
        label={isNew ? t("newPassword") : t("password")}
        name={name}
        type="password"
        autoComplete="new-password"
        hint={rules}
        required
        errors={errors?.[name]}
      />
      <TextField
        label={isNew ? t("confirmNewPassword") : t("confirmPassword")}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
    </>
  );
};
