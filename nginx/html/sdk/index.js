// The Arena client library: everything a browser game needs to talk to an Arena backend, without
// a build step (plain ES modules) and with TypeScript declarations (arena-client.d.ts) for every
// message. Its major version is the game protocol's (docs/client-library.md).

/** The game protocol version this library speaks (docs/protocol.md); its major version. */
export const PROTOCOL_VERSION = 2;
/** The library's version (package.json): the protocol's major, then the library's own minor and patch. */
export const VERSION = '2.0.0';

export { ApiError, request, identity, guest, joinQueue, leaveQueue, standing, leaderboard, sendFeedback } from './api.js';
export { connect, wsUrl } from './socket.js';
export { openLobby } from './lobby.js';
export { startGame } from './game.js';
export { move, Predictor, Interpolator } from './predict.js';
export { GAME_PROTOCOL_V2, quantizedAim, encodeInput, decodeSnapshot } from './protocol.js';
