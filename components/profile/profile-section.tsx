import { Card } from "@/components/ui/card";

/** A card of the profile: its heading, a line on what it is for, then its content. */
export const ProfileSection = ({
  title,
  intro,
  children,
}: {
  title: string;
  intro: React.ReactNode;
  children: React.ReactNode;
}) => (
  <Card>
    <h2 className="mb-1 text-xl font-semibold">{title}</h2>
    <p className="mb-4 text-slate-700">{intro}</p>
    {children}
  </Card>
);
