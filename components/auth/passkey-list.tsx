import { AddPasskeyButton } from "@/components/auth/passkey-buttons";
import { formatInstant } from "@/lib/dates";
import { listPasskeys } from "@/lib/auth/mfa/passkeys";

/** A user's passkeys and the button that adds one (the profile, the staff security page). */
export async function PasskeyList({ userId, timeZone }: { userId: string; timeZone: string }) {
  const passkeys = await listPasskeys(userId);
  return (
    <div className="flex flex-col gap-3">
      {passkeys.length > 0 ? (
        <ul className="flex flex-col gap-1" aria-label="Your passkeys">
          {passkeys.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>, added {formatInstant(p.createdAt, timeZone)}
              {p.lastUsedAt ? `, last used ${formatInstant(p.lastUsedAt, timeZone)}` : ", not used yet"}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">You have no passkeys yet.</p>
      )}
      <AddPasskeyButton />
    </div>
  );
}
