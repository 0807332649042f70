import * as events from '@parley/events/numbers';
import { isAdmin, requireAdmin } from './access.ts';
import {
  ConcurrentChange,
  NumberAssigned,
  NumberExists,
  NumberNotAssigned,
  NumberNotAvailable,
  NumberNotFound,
  NumberNotReady,
  NumberReleased,
  UserNotFound,
} from './errors.ts';
import { type Caller, countryOf, type NumberView, numberView, type PhoneNumber } from './model.ts';
import type { CarrierSource, Clock, EventSink, NumberRepository, UserLookup, VoiceProvider } from './ports.ts';

export interface InventoryDeps {
  numbers: NumberRepository;
  voice: VoiceProvider;
  carriers: CarrierSource;
  users: UserLookup;
  events: EventSink;
  clock: Clock;
}

/** Admins see the whole inventory; anyone else only the numbers that ring them. */
export async function listNumbers(deps: Pick<InventoryDeps, 'numbers'>, caller: Caller): Promise<NumberView[]> {
  const all = await deps.numbers.list();
  const visible = isAdmin(caller) ? all : all.filter((n) => n.assignedTo?.userId === caller.userId);
  return visible.map(numberView);
}

/** Takes a number a SIP-trunk carrier already gave Parley into the inventory (it must be in that carrier's pool). */
export async function importNumber(
  deps: Pick<InventoryDeps, 'numbers' | 'carriers' | 'events' | 'clock'>,
  caller: Caller,
  input: { e164: string },
): Promise<NumberView> {
  requireAdmin(caller);
  const country = countryOf(input.e164);
  const config = await deps.carriers.config();
  const carrier = config.carriers.find((c) => country && (c.numbers[country] ?? []).includes(input.e164));
  if (!country || !carrier) {
    throw new NumberNotAvailable(`${input.e164} is not one of the numbers a carrier of this stage gave Parley.`);
  }
  const existing = await deps.numbers.get(input.e164);
  if (existing && existing.state !== 'released') throw new NumberExists(`${input.e164} is already in the inventory.`);
  const now = deps.clock.now().toISOString();
  const number: PhoneNumber = {
    e164: input.e164,
    country,
    type: 'local',
    carrier: 'sip-trunk',
    carrierName: carrier.name,
    state: 'available',
    createdAt: now,
    voiceConnectorHost: carrier.outboundHost,
  };
  if (!(await deps.numbers.save(number, 'absent')))
    throw new NumberExists(`${input.e164} is already in the inventory.`);
  await deps.events.publish(events.NumberProvisioned, {
    e164: number.e164,
    country,
    carrier: 'sip-trunk',
    provisionedAt: now,
  });
  return numberView(number);
}

async function existing(numbers: NumberRepository, e164: string): Promise<PhoneNumber> {
  const number = await numbers.get(e164);
  if (!number) throw new NumberNotFound(`${e164} is not in the inventory.`);
  return number;
}

/** Name of the SIP rule for a number (Chime) or a carrier's host (trunk): Chime wants a name; ours say what they route. */
const ruleName = (value: string) => `parley-${value.replace(/[^a-zA-Z0-9.-]/g, '')}`.slice(0, 256);

/** Trunk numbers share their carrier host's rule: it goes only with the last assigned number on that host. */
async function hostStillUsed(numbers: NumberRepository, number: PhoneNumber): Promise<boolean> {
  const all = await numbers.list();
  return all.some(
    (n) =>
      n.e164 !== number.e164 &&
      n.state === 'assigned' &&
      n.carrier === 'sip-trunk' &&
      n.voiceConnectorHost === number.voiceConnectorHost,
  );
}

/** Removes the number's SIP rule (a trunk host's only when no other number of that host is assigned). */
async function dropRule(deps: Pick<InventoryDeps, 'numbers' | 'voice'>, number: PhoneNumber): Promise<void> {
  if (!number.sipRuleId) return;
  if (number.carrier === 'sip-trunk' && (await hostStillUsed(deps.numbers, number))) return;
  await deps.voice.removeRule(number.sipRuleId);
}

/**
 * Gives a number to a user: creates the SIP rule that routes it to calling's SIP media application
 * (ToPhoneNumber for a Chime number; the carrier host's shared RequestUriHostname rule for a trunk
 * number), then records the assignment and tells the user.
 */
export async function assignNumber(
  deps: InventoryDeps,
  caller: Caller,
  input: { e164: string; userId: string },
): Promise<NumberView> {
  requireAdmin(caller);
  const number = await existing(deps.numbers, input.e164);
  if (number.state === 'assigned') throw new NumberAssigned(`${input.e164} is already assigned; unassign it first.`);
  if (number.state === 'released') throw new NumberReleased(`${input.e164} was released.`);
  if (number.state === 'ordered') throw new NumberNotReady(`${input.e164} is still on order.`);
  const user = await deps.users.get(input.userId);
  if (!user) throw new UserNotFound(`There is no user ${input.userId}.`);
  const sipRuleId =
    number.carrier === 'chime'
      ? await deps.voice.ensureRule({ name: ruleName(number.e164), trigger: 'ToPhoneNumber', value: number.e164 })
      : await deps.voice.ensureRule({
          name: ruleName(number.voiceConnectorHost ?? ''),
          trigger: 'RequestUriHostname',
          value: number.voiceConnectorHost ?? '',
        });
  const assigned: PhoneNumber = {
    ...number,
    state: 'assigned',
    assignedTo: { userId: user.userId, displayName: user.displayName },
    assignedAt: deps.clock.now().toISOString(),
    sipRuleId,
  };
  if (!(await deps.numbers.save(assigned, 'available')))
    throw new ConcurrentChange(`${input.e164} changed meanwhile; try again.`);
  await deps.events.publish(
    events.NumberAssigned,
    { e164: number.e164, userId: user.userId, country: number.country, carrier: number.carrier },
    { audience: [user.userId] },
  );
  return numberView(assigned);
}

/** Takes a number back from its user: its SIP rule goes (disabled, then deleted), the number stays available. */
export async function unassignNumber(
  deps: InventoryDeps,
  caller: Caller,
  input: { e164: string },
): Promise<NumberView> {
  requireAdmin(caller);
  const number = await existing(deps.numbers, input.e164);
  if (number.state === 'released') throw new NumberReleased(`${input.e164} was released.`);
  if (number.state !== 'assigned') throw new NumberNotAssigned(`${input.e164} is not assigned to anyone.`);
  await dropRule(deps, number);
  const { assignedTo, assignedAt: _at, sipRuleId: _rule, ...rest } = number;
  const available: PhoneNumber = { ...rest, state: 'available' };
  if (!(await deps.numbers.save(available, 'assigned')))
    throw new ConcurrentChange(`${input.e164} changed meanwhile; try again.`);
  await deps.events.publish(
    events.NumberReleased,
    { e164: number.e164, ...(assignedTo ? { userId: assignedTo.userId } : {}) },
    assignedTo ? { audience: [assignedTo.userId] } : {},
  );
  return numberView(available);
}

/**
 * Gives a number up: its SIP rule is disabled and deleted first, then the number itself
 * (DeletePhoneNumber for a Chime number; a trunk number simply leaves the inventory). Kept as `released`.
 */
export async function releaseNumber(deps: InventoryDeps, caller: Caller, input: { e164: string }): Promise<NumberView> {
  requireAdmin(caller);
  const number = await existing(deps.numbers, input.e164);
  if (number.state === 'released') throw new NumberReleased(`${input.e164} was already released.`);
  if (number.state === 'ordered') throw new NumberNotReady(`${input.e164} is still on order.`);
  await dropRule(deps, number);
  if (number.carrier === 'chime') await deps.voice.deleteNumber(number.e164);
  const { assignedTo, assignedAt: _at, sipRuleId: _rule, ...rest } = number;
  const released: PhoneNumber = { ...rest, state: 'released' };
  if (!(await deps.numbers.save(released, number.state)))
    throw new ConcurrentChange(`${input.e164} changed meanwhile; try again.`);
  await deps.events.publish(
    events.NumberReleased,
    { e164: number.e164, ...(assignedTo ? { userId: assignedTo.userId } : {}) },
    assignedTo ? { audience: [assignedTo.userId] } : {},
  );
  return numberView(released);
}
