/**
 * The unread count where a person sees it with the tab in the background: "(3) Parley" in the
 * title and a dot with the count drawn over the favicon (a canvas), the plain icon again at 0.
 */

/** "(3) Parley"; the plain title at 0; "(99+)" beyond 99. */
export function titleWithCount(title: string, count: number): string {
  if (count <= 0) return title;
  return `(${count > 99 ? '99+' : count}) ${title}`;
}

/** The part of a 2D canvas context the badge draws with. */
export type BadgeContext = Pick<
  CanvasRenderingContext2D,
  | 'clearRect'
  | 'drawImage'
  | 'beginPath'
  | 'arc'
  | 'fill'
  | 'fillText'
  | 'fillStyle'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
>;

/** Draws the icon and, when `count` > 0, a red dot with the count at its top right. */
export function drawBadge(ctx: BadgeContext, icon: CanvasImageSource | undefined, size: number, count: number): void {
  ctx.clearRect(0, 0, size, size);
  if (icon) ctx.drawImage(icon, 0, 0, size, size);
  if (count <= 0) return;
  const r = size * 0.3;
  ctx.fillStyle = '#dc2626';
  ctx.beginPath();
  ctx.arc(size - r, r, r, 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold ${Math.round(r * (count > 9 ? 1.1 : 1.5))}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(count > 9 ? '9+' : String(count), size - r, r + size * 0.02);
}

export interface TitleBadgeDeps {
  document: Document;
  /** the title without a count ("Parley") */
  title: () => string;
  /** a canvas to draw on (default: a new <canvas>); its context may be missing (old browsers, jsdom) */
  createCanvas?: () => HTMLCanvasElement;
}

const SIZE = 64;

/**
 * Shows `count` in the tab: `update(count)` sets the title and the favicon. The original icon's
 * href is kept and put back at 0; without a canvas the title alone says it.
 */
export function createTitleBadge(deps: TitleBadgeDeps): { update: (count: number) => void; restore: () => void } {
  const doc = deps.document;
  const link = () => doc.querySelector<HTMLLinkElement>('link[rel~="icon"]');
  const original = link()?.getAttribute('href') ?? undefined;
  const originalType = link()?.getAttribute('type') ?? undefined;
  let icon: HTMLImageElement | undefined;
  let shown = 0;

  const setIcon = (href: string | undefined, type: string | undefined) => {
    const el = link();
    if (!el || href === undefined) return;
    el.setAttribute('href', href);
    if (type) el.setAttribute('type', type);
    else el.removeAttribute('type');
  };

  const paint = () => {
    if (shown <= 0) return setIcon(original, originalType);
    const canvas = (deps.createCanvas ?? (() => doc.createElement('canvas')))();
    canvas.width = SIZE;
    canvas.height = SIZE;
    let ctx: CanvasRenderingContext2D | null = null;
    try {
      ctx = canvas.getContext('2d');
    } catch {
      ctx = null;
    }
    if (!ctx) return;
    drawBadge(ctx, icon?.complete && icon.naturalWidth ? icon : undefined, SIZE, shown);
    setIcon(canvas.toDataURL('image/png'), 'image/png');
  };

  const update = (count: number) => {
    doc.title = titleWithCount(deps.title(), count);
    if (count === shown) return;
    shown = count;
    if (count > 0 && !icon && original && typeof Image !== 'undefined') {
      icon = new Image();
      icon.onload = () => paint();
      icon.src = original;
    }
    paint();
  };

  return {
    update,
    restore: () => {
      shown = 0;
      doc.title = deps.title();
      setIcon(original, originalType);
    },
  };
}
