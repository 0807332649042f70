/** A person's voicemails: list, listen (a short-lived link fetched on play), mark heard, delete. Owner only. */
import { VoicemailNotFound } from './errors.ts';
import type { CallAudio, Voicemail, VoicemailRepository } from './ports.ts';

export interface VoicemailDeps {
  voicemails: VoicemailRepository;
  audio: Pick<CallAudio, 'downloadUrl' | 'delete'>;
}

/** A voicemail as its owner sees it (where it is stored stays inside). */
export type VoicemailView = Omit<Voicemail, 'key' | 'bytes' | 'ownerId'>;

const viewOf = ({ key: _key, bytes: _bytes, ownerId: _owner, ...view }: Voicemail): VoicemailView => view;

async function ownersVoicemail(deps: VoicemailDeps, userId: string, id: string): Promise<Voicemail> {
  const vm = await deps.voicemails.get(id);
  // someone else's voicemail is answered as one that does not exist
  if (!vm || vm.ownerId !== userId) throw new VoicemailNotFound('There is no such voicemail.');
  return vm;
}

export async function listVoicemails(
  deps: VoicemailDeps,
  input: { userId: string; limit: number; before?: string },
): Promise<{ items: VoicemailView[]; nextBefore?: string; unheardCount: number }> {
  const [page, unheardCount] = await Promise.all([
    deps.voicemails.list(input.userId, { limit: input.limit, ...(input.before ? { before: input.before } : {}) }),
    deps.voicemails.unheard(input.userId),
  ]);
  return { items: page.items.map(viewOf), ...(page.next ? { nextBefore: page.next } : {}), unheardCount };
}

export async function getVoicemail(
  deps: VoicemailDeps,
  input: { userId: string; voicemailId: string },
): Promise<{ voicemail: VoicemailView; audioUrl: string; audioUrlExpiresAt: string }> {
  const vm = await ownersVoicemail(deps, input.userId, input.voicemailId);
  const { url, expiresAt } = await deps.audio.downloadUrl(vm.key);
  return { voicemail: viewOf(vm), audioUrl: url, audioUrlExpiresAt: expiresAt };
}

export async function markVoicemailHeard(
  deps: VoicemailDeps,
  input: { userId: string; voicemailId: string },
): Promise<VoicemailView> {
  const vm = await ownersVoicemail(deps, input.userId, input.voicemailId);
  return viewOf((await deps.voicemails.markHeard(vm.id)) ?? { ...vm, heard: true });
}

/** Deletes the message and its recording. */
export async function deleteVoicemail(
  deps: VoicemailDeps,
  input: { userId: string; voicemailId: string },
): Promise<void> {
  const vm = await ownersVoicemail(deps, input.userId, input.voicemailId);
  await deps.audio.delete(vm.key);
  await deps.voicemails.delete(vm.id);
}
