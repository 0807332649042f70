import { Forbidden } from './errors.ts';
import type { Caller } from './model.ts';

export function isAdmin(caller: Caller): boolean {
  return caller.roles.includes('admin');
}

/** Only admins reach the inventory, orders and assignments: anyone else is refused before anything is read. */
export function requireAdmin(caller: Caller): void {
  if (!isAdmin(caller)) throw new Forbidden('Only an admin can manage phone numbers.');
}
