import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { patientPage } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Password · Profile" };

export default async function ProfilePasswordPage() {
  await patientPage();
  return (
    <Card>
      <h2 className="mb-1 text-xl font-semibold">Change your password</h2>
      <p className="mb-4 text-slate-700">
        After the change you stay signed in here, and every other browser or device signed in to your login is
        signed out. We email you when your password changes.
      </p>
      <ChangePasswordForm />
    </Card>
  );
}
