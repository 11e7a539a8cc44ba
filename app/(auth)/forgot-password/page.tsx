import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/auth-forms";
import { PageTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <PageTitle description="Enter the email address of your login and we'll send you a link to choose a new password.">
        Forgot your password?
      </PageTitle>
      <ForgotPasswordForm />
    </>
  );
}
