import { describe, expect, it } from 'vitest';
import { type BadgeContext, createTitleBadge, drawBadge, titleWithCount } from './title-badge.ts';

/** A 2D context that keeps what was drawn (jsdom has no canvas). */
function recordingContext() {
  const drawn: string[] = [];
  const ctx = {
    fillStyle: '',
    font: '',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    clearRect: () => drawn.push('clear'),
    drawImage: () => drawn.push('icon'),
    beginPath: () => undefined,
    arc: () => drawn.push('dot'),
    fill: () => undefined,
    fillText: (text: string) => drawn.push(`text:${text}`),
  } as unknown as BadgeContext;
  return { ctx, drawn };
}

function fakeCanvas() {
  const { ctx, drawn } = recordingContext();
  const canvas = {
    width: 0,
    height: 0,
    getContext: () => ctx,
    toDataURL: () => `data:image/png;base64,${btoa(drawn.join('|'))}`,
  } as unknown as HTMLCanvasElement;
  return { canvas, drawn };
}

describe('the tab title and favicon badge', () => {
  it('puts the count before the title', () => {
    expect(titleWithCount('Parley', 0)).toBe('Parley');
    expect(titleWithCount('Parley', 3)).toBe('(3) Parley');
    expect(titleWithCount('Parley', 250)).toBe('(99+) Parley');
  });

  it('draws a dot with the count over the icon, and nothing over it at 0', () => {
    const { ctx, drawn } = recordingContext();
    drawBadge(ctx, undefined, 64, 3);
    expect(drawn).toEqual(['clear', 'dot', 'text:3']);
    drawn.length = 0;
    drawBadge(ctx, undefined, 64, 12);
    expect(drawn).toContain('text:9+');
    drawn.length = 0;
    drawBadge(ctx, undefined, 64, 0);
    expect(drawn).toEqual(['clear']);
  });

  it('sets the title and a drawn favicon, and restores the icon at 0', () => {
    // Given the page's own icon
    document.head.innerHTML = '<link rel="icon" type="image/svg+xml" href="/favicon.svg" />';
    const { canvas, drawn } = fakeCanvas();
    const badge = createTitleBadge({ document, title: () => 'Parley', createCanvas: () => canvas });
    const icon = () => document.querySelector('link[rel="icon"]') as HTMLLinkElement;

    // When 3 messages are unread
    badge.update(3);

    // Then the title says so and the icon is the drawn one
    expect(document.title).toBe('(3) Parley');
    expect(icon().getAttribute('href')).toMatch(/^data:image\/png/);
    expect(icon().getAttribute('type')).toBe('image/png');
    expect(drawn).toContain('text:3');

    // When all are read, the title and the original icon are back
    badge.update(0);
    expect(document.title).toBe('Parley');
    expect(icon().getAttribute('href')).toBe('/favicon.svg');
    expect(icon().getAttribute('type')).toBe('image/svg+xml');
  });

  it('without a canvas context, the title alone carries the count', () => {
    document.head.innerHTML = '<link rel="icon" href="/favicon.svg" />';
    const canvas = { getContext: () => null } as unknown as HTMLCanvasElement;
    const badge = createTitleBadge({ document, title: () => 'Parley', createCanvas: () => canvas });
    badge.update(2);
    expect(document.title).toBe('(2) Parley');
    expect(document.querySelector('link[rel="icon"]')?.getAttribute('href')).toBe('/favicon.svg');
    badge.restore();
    expect(document.title).toBe('Parley');
  });
});
