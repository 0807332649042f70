/** Shared look of devstack's own pages (placeholder and console): system fonts, no assets to fetch. */
export const BASE_STYLE = `
  :root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --ink: #14171f; --muted: #5d6472; --line: #e3e6ec; --brand: #2f6bff; --ok: #16a34a; --bad: #dc2626; --warn: #d97706; }
  @media (prefers-color-scheme: dark) { :root { --bg: #0f1115; --card: #171a21; --ink: #e8eaf0; --muted: #9aa3b2; --line: #262b36; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--ink); }
  a { color: var(--brand); }
  code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
  .wrap { max-width: 1100px; margin: 0 auto; padding: 32px 24px; }
  .brand { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: 20px; }
  .logo { width: 30px; height: 30px; border-radius: 9px; background: linear-gradient(135deg, #2f6bff, #7c3aed); display: grid; place-items: center; color: #fff; font-size: 16px; }
  .card { background: var(--card); border: 1px solid var(--line); border-radius: 14px; padding: 18px 20px; }
  .muted { color: var(--muted); }
  .dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; background: var(--warn); margin-right: 6px; }
  .dot.up { background: var(--ok); } .dot.down, .dot.exited { background: var(--bad); }
`;
