// The game protocol's version 2 binary frames (docs/protocol.md, "Protocol version 2"): the byte
// layout BinaryFrames in shared-model writes and reads, big-endian, the message type first.
// Everything else (start, end, pong, err, ping) stays JSON text in both versions.

/** The subprotocol that asks the game node for version 2. */
export const GAME_PROTOCOL_V2 = 'arena.v2';

const SNAPSHOT = 0x01;
const INPUT = 0x02;
const SNAPSHOT_HEADER_BYTES = 8;
const PLAYER_BYTES = 13;
const PROJECTILE_BYTES = 13;
const INPUT_BYTES = 8;
const BUTTON = { up: 1, down: 2, left: 4, right: 8, fire: 16 };
const POSITION_STEPS = 0xffff;
const AIM_STEPS = 0x7fff;
const MAX_AIM = 2 * Math.PI;

/** An aim as version 2 carries it (a 16-bit fraction of 2π), so prediction uses what the node will. */
export function quantizedAim(aim) {
  return Math.round(Math.max(-1, Math.min(1, aim / MAX_AIM)) * AIM_STEPS) * MAX_AIM / AIM_STEPS;
}

/** The 8-byte `in` frame of input `frame` ({up, down, left, right, aim, fire}) with sequence `seq`. */
export function encodeInput(seq, frame) {
  const view = new DataView(new ArrayBuffer(INPUT_BYTES));
  let buttons = 0;
  for (const [name, bit] of Object.entries(BUTTON)) if (frame[name]) buttons |= bit;
  view.setUint8(0, INPUT);
  view.setUint32(1, seq);
  view.setUint8(5, buttons);
  view.setInt16(6, Math.round(Math.max(-1, Math.min(1, frame.aim / MAX_AIM)) * AIM_STEPS));
  return view.buffer;
}

/**
 * The `snap` of a binary frame, in the shape of version 1's JSON message: players named by their
 * index in `rosterIds` (the roster of `start`), positions on `rules`' arena. Null for a frame that
 * is not a well-formed snapshot.
 */
export function decodeSnapshot(buffer, rosterIds, rules) {
  const view = new DataView(buffer);
  if (view.byteLength < SNAPSHOT_HEADER_BYTES || view.getUint8(0) !== SNAPSHOT) return null;
  const players = view.getUint8(5);
  const projectiles = view.getUint16(6);
  if (view.byteLength !== SNAPSHOT_HEADER_BYTES + players * PLAYER_BYTES + projectiles * PROJECTILE_BYTES) return null;
  const x = (at) => view.getUint16(at) * rules.arenaWidth / POSITION_STEPS;
  const y = (at) => view.getUint16(at) * rules.arenaHeight / POSITION_STEPS;
  const msg = { t: 'snap', tick: view.getUint32(1), players: [], proj: [] };
  let at = SNAPSHOT_HEADER_BYTES;
  for (let i = 0; i < players; i++, at += PLAYER_BYTES) {
    msg.players.push({ id: rosterIds[view.getUint8(at)], x: x(at + 1), y: y(at + 3),
      aim: view.getInt16(at + 5) * MAX_AIM / AIM_STEPS, score: view.getUint16(at + 7), seq: view.getUint32(at + 9) });
  }
  for (let i = 0; i < projectiles; i++, at += PROJECTILE_BYTES) {
    msg.proj.push({ id: view.getUint32(at), owner: rosterIds[view.getUint8(at + 4)], x: x(at + 5), y: y(at + 7),
      vx: view.getInt16(at + 9), vy: view.getInt16(at + 11) });
  }
  return msg;
}
