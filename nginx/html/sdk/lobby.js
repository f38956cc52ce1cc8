// The lobby socket: queue status, the room's members and countdown, and match.ready.
// It stays open for the whole visit (also during a match: after a failover it sends the new URL).

import { connect } from './socket.js';
import { guest } from './api.js';

/** events: status(msg), room(msg), ready(msg), notice(text, isError), replaced(). */
export function openLobby(events) {
  let refused = 0;
  let pingTimer = null;
  const socket = connect('/lobby', {
    open() {
      refused = 0;
      events.notice('');
      pingTimer = setInterval(() => socket.send({ t: 'ping' }), 15000);
    },
    message(msg) {
      switch (msg.t) {
        case 'queue.status': events.status(msg); break;
        case 'room.update': events.room(msg); break;
        case 'match.ready': events.ready(msg); break;
        case 'err': console.warn('lobby:', msg.code, msg.message); break;
      }
    },
    async close(event, { opened }) {
      clearInterval(pingTimer);
      if (event.code === 4009) { events.replaced(); return false; } // another tab took over
      if (!opened && ++refused >= 2) {
        // Refused twice at the upgrade: most likely the token (a new key after a reset). Get a
        // fresh identity (the stored token keeps the player when it is still valid).
        try { await guest(); } catch { /* the retry below reports it */ }
      }
      return true;
    },
    retry(delay) {
      events.notice(`Lost the connection to the lobby, reconnecting in ${Math.round(delay / 100) / 10} s…`, true);
    },
  });
  return socket;
}
