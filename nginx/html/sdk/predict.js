// Client-side prediction of the own player and interpolation of the others, with the server's
// rules (from `start`). Pure functions and small classes, no DOM: easy to reason about.

/** Moves a position by held keys for `ms` milliseconds, as MatchSimulation.movePlayers does. */
export function move(pos, input, ms, rules) {
  const dx = (input.right ? 1 : 0) - (input.left ? 1 : 0);
  const dy = (input.down ? 1 : 0) - (input.up ? 1 : 0);
  if (dx === 0 && dy === 0) return pos;
  let d = rules.playerSpeed * ms / 1000;
  if (dx !== 0 && dy !== 0) d *= Math.SQRT1_2; // diagonals are not faster
  const r = rules.playerRadius;
  return {
    x: Math.min(Math.max(pos.x + dx * d, r), rules.arenaWidth - r),
    y: Math.min(Math.max(pos.y + dy * d, r), rules.arenaHeight - r),
  };
}

/**
 * The own player's predicted position. Each input holds until the next one (as on the server);
 * when a snapshot acks input `seq` at position p, the prediction restarts from p and replays the
 * inputs the server has not processed yet, each for as long as it was held.
 */
export class Predictor {
  constructor(rules) {
    this.rules = rules;
    this.pending = []; // {seq, input, at}: sent, not yet acked
    this.pos = null;
  }

  /** Records an input just sent at time `at` (ms). */
  sent(seq, input, at) {
    this.pending.push({ seq, input, at });
  }

  /** Reconciles with the own entry of a snapshot: server position and the last seq it applied. */
  ack(x, y, seq) {
    while (this.pending.length && this.pending[0].seq <= seq) this.pending.shift();
    this.base = { x, y };
  }

  /** The position now: the acked position plus every unacked input for its held time. */
  position(now) {
    if (!this.base) return null;
    let pos = this.base;
    for (let i = 0; i < this.pending.length; i++) {
      const until = i + 1 < this.pending.length ? this.pending[i + 1].at : now;
      pos = move(pos, this.pending[i].input, Math.max(0, until - this.pending[i].at), this.rules);
    }
    this.pos = pos;
    return pos;
  }
}

/** Buffers the others' snapshot positions and renders them `delayMs` in the past, linearly interpolated. */
export class Interpolator {
  constructor(delayMs = 100) {
    this.delayMs = delayMs;
    this.frames = []; // {at, players: Map id -> {x, y, aim}}
  }

  push(at, players) {
    this.frames.push({ at, players });
    // Keep about a second of frames.
    while (this.frames.length > 2 && this.frames[1].at < at - 1000) this.frames.shift();
  }

  /** Position of `id` at now - delay; the newest known one when the buffer runs short. */
  at(id, now) {
    const t = now - this.delayMs;
    const f = this.frames;
    for (let i = f.length - 1; i > 0; i--) {
      if (f[i - 1].at <= t) {
        const a = f[i - 1].players.get(id);
        const b = f[i].players.get(id);
        if (!a || !b) return b || a || null;
        const k = Math.min(1, (t - f[i - 1].at) / Math.max(1, f[i].at - f[i - 1].at));
        return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k, aim: b.aim };
      }
    }
    return f.length ? f[0].players.get(id) || null : null;
  }
}
