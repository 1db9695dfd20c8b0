/**
 * A DNS lookup for `net.connect` that vets every resolved address against the address policy,
 * so the check applies to the address the socket actually connects to (no DNS-rebinding gap
 * between a check and the connection).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refusalReason, type AddressPolicy } from './address-policy.js';

/** Error code carried by the error a guarded lookup raises, so fetchPage can recognise it. */
export const REFUSED_ADDRESS_CODE = 'EPARLEYREFUSEDADDRESS';

/** The error a guarded lookup hands to the socket when every resolved address is refused. */
export class RefusedLookupError extends Error {
  readonly code = REFUSED_ADDRESS_CODE;

  constructor(
    /** Why, e.g. "127.0.0.1 is a loopback address". */
    readonly reason: string,
  ) {
    super(reason);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Wraps `base` (default: the system resolver) so that refused addresses are dropped from the
 * answer; when nothing is left the connection fails with a RefusedLookupError.
 */
export function guardedLookup(policy: AddressPolicy, base: LookupFunction = dnsLookup): LookupFunction {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => {
    base(hostname, { ...options, all: true }, (err, answer) => {
      if (err) return callback(err, []);
      const addresses: LookupAddress[] = Array.isArray(answer) ? answer : [{ address: String(answer), family: 4 }];
      let firstRefusal: string | null = null;
      const allowed = addresses.filter(({ address }) => {
        const reason = refusalReason(address, policy);
        firstRefusal ??= reason;
        return reason === null;
      });
      if (allowed.length === 0) {
        const error = new RefusedLookupError(firstRefusal ?? `${hostname} resolved to no address`);
        return callback(error, []);
      }
      if (options.all) return callback(null, allowed);
      const [first] = allowed;
      return callback(null, first!.address, first!.family);
    });
  };
}
