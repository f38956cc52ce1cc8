// Draws a game view (from game.js) on the canvas and fills the HUD. The canvas works in arena
// units (1600 x 900) and CSS scales it to the window.

export function draw(canvas, view) {
  const ctx = canvas.getContext('2d');
  const rules = view.rules;
  if (!rules) return;
  if (canvas.width !== rules.arenaWidth) { canvas.width = rules.arenaWidth; canvas.height = rules.arenaHeight; }
  ctx.fillStyle = '#101218';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = '#1c2030';
  ctx.lineWidth = 1;
  for (let x = 0; x <= canvas.width; x += 100) { ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, canvas.height); ctx.stroke(); }
  for (let y = 0; y <= canvas.height; y += 100) { ctx.beginPath(); ctx.moveTo(0, y); ctx.lineTo(canvas.width, y); ctx.stroke(); }

  ctx.fillStyle = '#ffd166';
  for (const p of view.proj) {
    ctx.beginPath(); ctx.arc(p.x, p.y, rules.projectileRadius, 0, Math.PI * 2); ctx.fill();
  }
  for (const p of view.players) {
    const r = rules.playerRadius;
    ctx.fillStyle = p.colors.primary;
    ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, Math.PI * 2); ctx.fill();
    ctx.lineWidth = 4;
    ctx.strokeStyle = p.colors.secondary;
    ctx.stroke();
    // The barrel shows the aim.
    ctx.beginPath(); ctx.moveTo(p.x, p.y);
    ctx.lineTo(p.x + Math.cos(p.aim || 0) * (r + 10), p.y + Math.sin(p.aim || 0) * (r + 10)); ctx.stroke();
    if (p.you) { ctx.lineWidth = 2; ctx.strokeStyle = '#ffffff'; ctx.beginPath(); ctx.arc(p.x, p.y, r + 6, 0, Math.PI * 2); ctx.stroke(); }
    ctx.fillStyle = '#e8e8ee';
    ctx.font = '18px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(`${p.name} · ${p.score}`, p.x, p.y - r - 10);
  }
}

/** The HUD: scores best first, time left, ping. */
export function hud(el, view, now = Date.now()) {
  const left = Math.max(0, Math.ceil((view.endsAt - now) / 1000));
  el.time.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  el.ping.textContent = view.pingMs == null ? '– ms' : `${view.pingMs} ms`;
  // Rebuilt only when a name or score changed, not every frame.
  const key = view.players.map((p) => `${p.id}:${p.score}`).join();
  if (el.scores.dataset.key === key) return;
  el.scores.dataset.key = key;
  el.scores.replaceChildren(...[...view.players].sort((a, b) => b.score - a.score).map((p) => {
    const li = document.createElement('li');
    li.dataset.id = p.id;
    li.append(swatch(p.colors.primary), `${p.name}${p.you ? ' (you)' : ''}`);
    const b = document.createElement('b');
    b.textContent = p.score;
    li.append(b);
    return li;
  }));
}

/** A colored dot (styled through the DOM: the CSP allows no inline style attributes). */
export function swatch(color) {
  const dot = document.createElement('span');
  dot.className = 'swatch';
  dot.style.background = color;
  return dot;
}
