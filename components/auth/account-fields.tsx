import { TextField } from "@/components/ui/field";
import { PASSWORD_RULES } from "@/lib/auth/password-rules";
import type { TFieldErrors } from "@/lib/result";

/** First and last name side by side (sign-up, the profile's contact details). */
export const NameFields = ({
  errors,
  defaults,
}: {
  errors?: TFieldErrors;
  defaults?: { firstName: string; lastName: string };
}) => (
  <div className="grid gap-4 sm:grid-cols-2">
    <TextField
      label="First name"
      name="firstName"
      autoComplete="given-name"
      defaultValue={defaults?.firstName}
      required
      errors={errors?.firstName}
    />
    <TextField
      label="Last name"
      name="lastName"
      autoComplete="family-name"
      defaultValue={defaults?.lastName}
      required
      errors={errors?.lastName}
    />
  </div>
);

/** The address a login's mail goes to (sign-up, a forgotten password). */
export const EmailField = ({ errors }: { errors?: TFieldErrors }) => (
  <TextField label="Email" name="email" type="email" autoComplete="email" required errors={errors?.email} />
);

/** A new password with its rules, and the same typed again ("Confirm password"). */
export const NewPasswordFields = ({
  name,
  label,
  errors,
}: {
  name: "password" | "newPassword";
  label: "Password" | "New password";
  errors?: TFieldErrors;
}) => (
  <>
    <TextField
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      hint={PASSWORD_RULES}
      required
      errors={errors?.[name]}
    />
    <TextField
      label={`Confirm ${label.toLowerCase()}`}
      name="confirmPassword"
      type="password"
      autoComplete="new-password"
      required
      errors={errors?.confirmPassword}
    />
  </>
);
