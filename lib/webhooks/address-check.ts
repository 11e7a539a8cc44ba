import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Addresses a webhook must never reach unless its host is allowed (docs/webhooks.md, "SSRF"):
 * loopback, private, link-local (cloud metadata), CGNAT, "this network", multicast, reserved,
 * documentation and benchmarking ranges, in IPv4 and IPv6 (IPv4-mapped forms are checked as IPv4).
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  BLOCKED.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  BLOCKED.addSubnet(net, prefix, "ipv6");

/** Whether an IP address is one a webhook may be sent to without an allow-list. */
export const isPublicAddress = (address: string): boolean => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
  return !BLOCKED.check(address, family === 4 ? "ipv4" : "ipv6");
};

export type TAddressCheck =
  { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; reason: string };

type TResolve = (hostname: string) => Promise<{ address: string; family: number }[]>;
const resolveAll: TResolve = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Checks a webhook URL and resolves its host now: https (http only for an allowed host), no
 * user or password, and every address the name resolves to public unless the host is on the
 * allow-list. Returns the address to connect to, so the request goes where the check looked
 * (a name that answers differently a moment later gets nowhere). Run at save and at every send.
 */
export const checkWebhookUrl = async (
  raw: string,
  { allowedHosts, resolve = resolveAll }: { allowedHosts: readonly string[]; resolve?: TResolve },
): Promise<TAddressCheck> => {
  if (!URL.canParse(raw)) return { ok: false, reason: "is not a URL" };
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const isAllowed = allowedHosts.includes(host);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isAllowed)) {
    return { ok: false, reason: "must start with https://" };
  }
  if (url.username || url.password) return { ok: false, reason: "must not contain a user name or password" };
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  } catch {
    return { ok: false, reason: `names a host that does not resolve (${host})` };
  }
  if (addresses.length === 0) return { ok: false, reason: `names a host that does not resolve (${host})` };
  if (!isAllowed) {
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked)
      return { ok: false, reason: `resolves to a private or reserved address (${blocked.address})` };
  }
  const [first] = addresses;
  return { ok: true, url, address: first!.address, family: first!.family === 6 ? 6 : 4 };
};
