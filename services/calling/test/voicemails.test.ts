import { describe, expect, it } from 'vitest';
import type { Voicemail } from '../src/domain/ports.ts';
import { deleteVoicemail, getVoicemail, listVoicemails, markVoicemailHeard } from '../src/domain/voicemails.ts';
import { memoryAudio, memoryVoicemails } from './memory-phone.ts';

const voicemail = (id: string, receivedAt: string, overrides: Partial<Voicemail> = {}): Voicemail => ({
  id,
  ownerId: 'u-ana',
  callId: id,
  from: '+41446681800',
  callerName: '+41446681800',
  to: '+5078001234',
  country: 'PA',
  key: `voicemail/u-ana/${id}/recording.wav`,
  bytes: 160_044,
  durationSeconds: 10,
  receivedAt,
  heard: false,
  ...overrides,
});

async function inbox() {
  const deps = { voicemails: memoryVoicemails(), audio: memoryAudio() };
  for (const vm of [
    voicemail('vm-1', '2026-12-01T08:00:00.000Z', { heard: true }),
    voicemail('vm-2', '2026-12-01T09:00:00.000Z'),
    voicemail('vm-3', '2026-12-01T10:00:00.000Z'),
    voicemail('vm-bea', '2026-12-01T11:00:00.000Z', { ownerId: 'u-bea' }),
  ]) {
    await deps.voicemails.create(vm);
    deps.audio.objects.set(vm.key, vm.bytes);
  }
  return deps;
}

describe('listing voicemails', () => {
  it('given Ana has three messages, when she lists them, then her own come newest first with the unheard count, without where they are stored', async () => {
    const deps = await inbox();

    const page = await listVoicemails(deps, { userId: 'u-ana', limit: 10 });

    expect(page.items.map((vm) => vm.id)).toEqual(['vm-3', 'vm-2', 'vm-1']);
    expect(page.unheardCount).toBe(2);
    expect(page.nextBefore).toBeUndefined();
    expect(page.items[0]).toEqual({
      id: 'vm-3',
      callId: 'vm-3',
      from: '+41446681800',
      callerName: '+41446681800',
      to: '+5078001234',
      country: 'PA',
      durationSeconds: 10,
      receivedAt: '2026-12-01T10:00:00.000Z',
      heard: false,
    });
  });

  it('given a page of two, when Ana pages on, then the next page starts before the last one seen', async () => {
    const deps = await inbox();

    const first = await listVoicemails(deps, { userId: 'u-ana', limit: 2 });
    const second = await listVoicemails(deps, { userId: 'u-ana', limit: 2, before: first.nextBefore as string });

    expect(first.items.map((vm) => vm.id)).toEqual(['vm-3', 'vm-2']);
    expect(first.nextBefore).toEqual(expect.any(String));
    expect(second.items.map((vm) => vm.id)).toEqual(['vm-1']);
  });
});

describe('listening, marking heard, deleting', () => {
  it("given Ana's message, when she opens it, then a short-lived link to its recording", async () => {
    const deps = await inbox();

    const got = await getVoicemail(deps, { userId: 'u-ana', voicemailId: 'vm-2' });

    expect(got).toEqual({
      voicemail: expect.objectContaining({ id: 'vm-2', heard: false }),
      audioUrl: 'https://audio.example/voicemail/u-ana/vm-2/recording.wav?signed',
      audioUrlExpiresAt: '2026-12-01T10:15:00.000Z',
    });
    expect(got.voicemail).not.toHaveProperty('key');
  });

  it("given Bea's message or an unknown id, when Ana opens, marks or deletes it, then VoicemailNotFound and nothing changes", async () => {
    const deps = await inbox();
    const notFound = expect.objectContaining({ name: 'VoicemailNotFound' });

    for (const voicemailId of ['vm-bea', 'vm-nope']) {
      await expect(getVoicemail(deps, { userId: 'u-ana', voicemailId })).rejects.toThrow(notFound);
      await expect(markVoicemailHeard(deps, { userId: 'u-ana', voicemailId })).rejects.toThrow(notFound);
      await expect(deleteVoicemail(deps, { userId: 'u-ana', voicemailId })).rejects.toThrow(notFound);
    }
    expect(deps.voicemails.stored.get('vm-bea')?.heard).toBe(false);
    expect(deps.audio.objects.has('voicemail/u-ana/vm-bea/recording.wav')).toBe(true);
  });

  it('given an unheard message, when Ana marks it heard, then it is heard and the unheard count drops', async () => {
    const deps = await inbox();

    const heard = await markVoicemailHeard(deps, { userId: 'u-ana', voicemailId: 'vm-3' });

    expect(heard).toMatchObject({ id: 'vm-3', heard: true });
    expect((await listVoicemails(deps, { userId: 'u-ana', limit: 10 })).unheardCount).toBe(1);
  });

  it('given a message, when Ana deletes it, then the message and its recording are gone', async () => {
    const deps = await inbox();

    await deleteVoicemail(deps, { userId: 'u-ana', voicemailId: 'vm-2' });

    expect(deps.voicemails.stored.has('vm-2')).toBe(false);
    expect(deps.audio.objects.has('voicemail/u-ana/vm-2/recording.wav')).toBe(false);
    expect((await listVoicemails(deps, { userId: 'u-ana', limit: 10 })).items.map((vm) => vm.id)).toEqual([
      'vm-3',
      'vm-1',
    ]);
  });
});
