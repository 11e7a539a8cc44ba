import { PatientHeader } from "@/components/patient-header";
import { IdleSignOut } from "@/components/auth/idle-sign-out";
import { MessagesFor } from "@/components/i18n/messages-for";
import { patientPage } from "@/lib/auth/page-guards";
import { env } from "@/lib/env";

export default async function PatientLayout({ children }: { children: React.ReactNode }) {
  const actor = await patientPage();
  return (
    <>
      <PatientHeader userName={actor.name} />
      <MessagesFor only={["IdleSignOut"]}>
        <IdleSignOut timeoutSeconds={env().SESSION_IDLE_TIMEOUT_SECONDS} />
      </MessagesFor>
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </>
  );
}
