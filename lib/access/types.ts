import type { Role } from "@/lib/generated/prisma/enums";

/** Who acts on an account's access: the signed-in user (the session's guard has checked the role). */
export type TAccessActor = { userId: string; email: string; role: Role };

/** Staff acting on access (permission `accounts.access`, checked by the action), scoped by practice. */
export type TAccessStaffActor = TAccessActor & { practiceId: string };
