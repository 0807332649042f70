import type { Profile } from './model.ts';

/**
 * The line under a name in directory results: the status message and the email's domain
 * ("On leave · @uni.example"), so that two people called Maria can be told apart without either
 * address being shown.
 */
export function directoryDetail(p: Pick<Profile, 'statusMessage' | 'emailDomain'>): string {
  return [p.statusMessage?.trim(), p.emailDomain ? `@${p.emailDomain}` : undefined].filter(Boolean).join(' · ');
}
