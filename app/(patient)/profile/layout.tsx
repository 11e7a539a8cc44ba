import { PageTitle } from "@/components/ui/card";
import { ProfileNav } from "@/components/profile/profile-nav";

/** The profile's frame: its title and the list of its sections. Each page guards itself. */
export default function ProfileLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <PageTitle description="Your details, your login, how we contact you, and the accounts you manage.">
        Profile
      </PageTitle>
      <div className="grid gap-6 md:grid-cols-[14rem_minmax(0,1fr)]">
        <ProfileNav />
        <div className="flex min-w-0 flex-col gap-6">{children}</div>
      </div>
    </>
  );
}
