import { Camera, Trash2 } from 'lucide-react';
import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { Avatar } from '../components/ui/avatar.tsx';
import { Button } from '../components/ui/button.tsx';
import { type AvatarProblem, avatarProblem, cropToSquare, removeAvatar, uploadAvatar } from '../lib/avatar-upload.ts';
import { useParley, useWorkspace } from '../lib/hooks.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import type { Profile } from '../lib/model.ts';

type Step =
  | { kind: 'idle'; notice?: 'saved' | 'removed' }
  | { kind: 'preview'; image: Blob; url: string }
  | { kind: 'uploading'; url: string; fraction: number }
  | { kind: 'removing' }
  | { kind: 'failed'; reason: AvatarProblem | 'upload' };

const PROBLEM: Record<AvatarProblem | 'upload', MessageKey> = {
  'wrong-type': 'avatar.wrongType',
  'too-large': 'avatar.tooLarge',
  upload: 'avatar.failed',
};

/**
 * Settings → Profile: my photo with "Change photo" (pick, square preview, upload with progress) and
 * "Remove photo". Saved at once (not with the profile form): everyone sees it where my avatar shows.
 */
export function AvatarEditor() {
  const { t } = useT();
  const { api, session } = useParley();
  const { me, people } = useWorkspace();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const statusId = useId();
  const previewUrl = step.kind === 'preview' || step.kind === 'uploading' ? step.url : undefined;

  // the preview's object URL lives as long as the preview
  useEffect(() => (previewUrl ? () => URL.revokeObjectURL(previewUrl) : undefined), [previewUrl]);

  function saved(profile: Profile | undefined, notice: 'saved' | 'removed') {
    if (profile) {
      session.setUser(profile);
      people.remember([profile]);
    }
    setStep({ kind: 'idle', notice });
  }

  async function picked(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const problem = avatarProblem(file);
    if (problem) {
      setStep({ kind: 'failed', reason: problem });
      return;
    }
    const image = await cropToSquare(file);
    setStep({ kind: 'preview', image, url: URL.createObjectURL(image) });
  }

  async function upload(image: Blob, url: string) {
    setStep({ kind: 'uploading', url, fraction: 0 });
    try {
      const profile = await uploadAvatar(api, image, (fraction) =>
        setStep((s) => (s.kind === 'uploading' ? { ...s, fraction } : s)),
      );
      saved(profile, 'saved');
    } catch {
      setStep({ kind: 'failed', reason: 'upload' });
    }
  }

  async function remove() {
    setStep({ kind: 'removing' });
    try {
      saved(await removeAvatar(api), 'removed');
    } catch {
      setStep({ kind: 'failed', reason: 'upload' });
    }
  }

  const busy = step.kind === 'uploading' || step.kind === 'removing';
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="avatar-editor">
      {previewUrl ? (
        <img
          src={previewUrl}
          alt={t('avatar.preview')}
          className="size-16 rounded-full object-cover ring-2 ring-primary"
          data-testid="avatar-preview"
        />
      ) : (
        <Avatar name={me.displayName} seed={me.id} src={me.avatarUrl} className="size-16" />
      )}
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium">{me.displayName}</p>
        <p className="truncate text-sm text-muted-foreground">{me.email}</p>
        <p id={statusId} role="status" className="text-xs text-muted-foreground" aria-live="polite">
          {step.kind === 'uploading'
            ? t('avatar.uploading', { percent: Math.round(step.fraction * 100) })
            : step.kind === 'idle' && step.notice
              ? t(step.notice === 'saved' ? 'avatar.saved' : 'avatar.removed')
              : null}
          {step.kind === 'failed' ? <span className="text-destructive">{t(PROBLEM[step.reason])}</span> : null}
        </p>
        {step.kind === 'uploading' ? (
          <progress
            className="mt-1 h-1.5 w-full"
            max={1}
            value={step.fraction}
            aria-label={t('avatar.uploading', { percent: Math.round(step.fraction * 100) })}
          />
        ) : null}
      </div>
      <input
        ref={input}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        className="sr-only"
        tabIndex={-1}
        aria-label={t('avatar.choose')}
        data-testid="avatar-file"
        onChange={(event) => void picked(event)}
      />
      {step.kind === 'preview' ? (
        <div className="flex gap-2">
          <Button type="button" size="sm" onClick={() => void upload(step.image, step.url)}>
            {t('avatar.upload')}
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => setStep({ kind: 'idle' })}>
            {t('avatar.cancel')}
          </Button>
        </div>
      ) : (
        <div className="flex gap-2">
          <Button type="button" size="sm" variant="outline" disabled={busy} onClick={() => input.current?.click()}>
            <Camera aria-hidden="true" />
            {t('avatar.change')}
          </Button>
          {me.avatarUrl ? (
            <Button type="button" size="sm" variant="ghost" disabled={busy} onClick={() => void remove()}>
              <Trash2 aria-hidden="true" />
              {t('avatar.remove')}
            </Button>
          ) : null}
        </div>
      )}
    </div>
  );
}
