// One match: the game socket, the input loop (about 30 Hz, with sequence numbers), ping for the
// HUD, and the state the renderer draws: own player predicted, others interpolated.

import { connect } from './socket.js';
import { Predictor, Interpolator } from './predict.js';
import { GAME_PROTOCOL_V2, decodeSnapshot, encodeInput, quantizedAim } from './protocol.js';

const INPUT_HZ = 30;
// The aim a version 1 input carries, to WirePrecision.AIM (3) decimals as in shared-model: a short
// number the game node reads on its fast path; a thousandth of a radian is finer than a mouse can point.
const AIM_SCALE = 1000;
const PING_EVERY_MS = 2000;

/**
 * Starts a match session on `url` (the game socket path from match.ready). `input` is the live
 * input state (keyboard and mouse write into it). events: status(text, isError), end(scores),
 * lost(reason) when the socket cannot be used any more (the app asks the lobby where to go).
 */
export function startGame(url, input, events) {
  const state = {
    url, roomId: null, you: null, rules: null, roster: new Map(), rosterIds: [], endsAt: 0, pingMs: null, protocol: '',
    players: new Map(), // id -> latest snapshot entry
    proj: [], ended: null, connected: false, errors: [],
  };
  let predictor = null;
  const others = new Interpolator(100);
  let seq = 0;
  let pingId = 0;
  let inputTimer = null;
  let pingTimer = null;
  let last = '';

  const socket = connect(url, {
    open() {
      state.connected = true;
      state.protocol = socket.protocol;
      seq = 0; // sequence numbers restart on each connection (protocol.md)
      events.status('');
    },
    message(msg) {
      switch (msg.t) {
        case 'start':
          state.roomId = msg.roomId;
          state.you = msg.you;
          state.rules = msg.rules;
          state.endsAt = msg.endsAt;
          state.clockOffset = 0;
          state.roster = new Map(msg.roster.map((p) => [p.id, p]));
          state.rosterIds = msg.roster.map((p) => p.id);
          predictor = new Predictor(msg.rules);
          break;
        case 'snap': onSnap(msg); break;
        case 'pong': state.pingMs = Math.max(0, Math.round(performance.now() - pending.get(msg.id))); pending.delete(msg.id); break;
        case 'end':
          state.ended = msg.scores;
          stop();
          events.end(msg.scores);
          break;
        case 'err': state.errors.push(msg.message); state.errors.splice(0, state.errors.length - 5); console.warn('game:', msg.code, msg.message); break;
      }
    },
    binary(buffer) {
      // Version 2's snapshots; they follow start, which gave the roster and the arena.
      const msg = state.rules && decodeSnapshot(buffer, state.rosterIds, state.rules);
      if (msg) onSnap(msg);
    },
    async close(event, { opened }) {
      state.connected = false;
      if (state.ended || event.code === 4010) return false; // match over: end screen
      if (event.code === 4011 || event.code === 4003) { stop(); events.lost('cancelled'); return false; }
      if (event.code === 4004 || !opened) {
        // Refused at the upgrade (404/403/401 show as 1006) or the room moved: the lobby knows
        // where the match runs now; let the app ask it.
        stop();
        events.lost('moved');
        return false;
      }
      events.status('Connection to the match lost, reconnecting…', true);
      return true; // a drop: reconnect with backoff, the node may still run the room
    },
    retry(delay) { events.status(`Connection lost, reconnecting in ${Math.round(delay / 100) / 10} s…`, true); },
  }, GAME_PROTOCOL_V2);

  const pending = new Map();

  function onSnap(msg) {
    const now = performance.now();
    const positions = new Map();
    for (const p of msg.players) {
      state.players.set(p.id, p);
      positions.set(p.id, p);
      if (p.id === state.you && predictor) predictor.ack(p.x, p.y, p.seq);
    }
    others.push(now, positions);
    state.proj = msg.proj || [];
    state.projAt = now;
  }

  // Inputs: about 30 Hz, and at once when something changed; each one is remembered for replay.
  function sendInput(force) {
    if (!socket.open || !state.you || state.ended) return;
    const binary = socket.protocol === GAME_PROTOCOL_V2;
    const aim = Number.isFinite(input.aim) ? Math.max(-Math.PI, Math.min(Math.PI, input.aim)) : 0;
    const frame = { up: !!input.up, down: !!input.down, left: !!input.left, right: !!input.right,
      aim: binary ? quantizedAim(aim) : Math.round(aim * AIM_SCALE) / AIM_SCALE,
      fire: !!input.fire };
    const key = JSON.stringify(frame);
    if (!force && key === last) return;
    last = key;
    seq += 1;
    if (binary) socket.sendBinary(encodeInput(seq, frame));
    else socket.send({ t: 'in', seq, ...frame });
    predictor?.sent(seq, frame, performance.now());
  }
  inputTimer = setInterval(() => sendInput(true), 1000 / INPUT_HZ);
  input.onChange = () => sendInput(false);

  pingTimer = setInterval(() => {
    pingId += 1;
    pending.set(pingId, performance.now());
    socket.send({ t: 'ping', id: pingId, clientTime: Date.now() });
  }, PING_EVERY_MS);

  function stop() {
    clearInterval(inputTimer);
    clearInterval(pingTimer);
    input.onChange = null;
    socket.close();
  }

  /** What the renderer and the test hook see: every player's position now, own one predicted. */
  function view(now = performance.now()) {
    const list = [];
    for (const [id, snap] of state.players) {
      const info = state.roster.get(id) || { name: '?', colors: { primary: '#888888', secondary: '#ffffff' } };
      const pos = id === state.you ? (predictor?.position(now) || snap) : (others.at(id, now) || snap);
      list.push({ id, name: info.name, colors: info.colors, x: pos.x, y: pos.y, aim: pos.aim ?? snap.aim,
        score: snap.score, you: id === state.you });
    }
    const age = (now - (state.projAt || now)) / 1000;
    const proj = state.proj.map((p) => ({ x: p.x + p.vx * age, y: p.y + p.vy * age, owner: p.owner }));
    return { roomId: state.roomId, url: state.url, you: state.you, rules: state.rules, endsAt: state.endsAt, pingMs: state.pingMs,
      connected: state.connected, protocol: state.protocol, players: list, proj };
  }

  return { view, stop, get state() { return state; } };
}
