// A WebSocket that carries the player's token and reconnects with backoff when it drops.
// Browsers cannot set headers on a socket and URLs end up in logs, so the token travels as a
// second subprotocol that Quarkus turns into an Authorization header (docs/protocol.md).

import { identity } from './api.js';

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];

/** The absolute ws(s) URL of a path on this origin. */
export function wsUrl(path) {
  return location.origin.replace(/^http/, 'ws') + path;
}

/**
 * Opens `path` and keeps it open, asking for `subprotocol`. handlers: message(obj) for a JSON text
 * frame, binary(ArrayBuffer) for a binary one, open(), close(event, {opened}) returning false to
 * stop reconnecting, retry(delayMs) before each new attempt.
 */
export function connect(path, handlers, subprotocol = 'arena') {
  let socket = null;
  let attempt = 0;
  let stopped = false;
  let timer = null;

  function open() {
    const carrier = encodeURIComponent('quarkus-http-upgrade#Authorization#Bearer ' + identity.token());
    let opened = false;
    socket = new WebSocket(wsUrl(path), [subprotocol, carrier]);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      opened = true;
      attempt = 0;
      handlers.open?.();
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') {
        handlers.binary?.(event.data);
        return;
      }
      let msg;
      try { msg = JSON.parse(event.data); } catch { return; }
      handlers.message(msg);
    };
    socket.onclose = async (event) => {
      if (stopped) return;
      const goOn = await handlers.close?.(event, { opened });
      if (goOn === false || stopped) return;
      const delay = BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)];
      handlers.retry?.(delay, attempt);
      timer = setTimeout(open, delay);
    };
  }

  open();
  return {
    send(obj) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(obj));
    },
    sendBinary(buffer) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(buffer);
    },
    /** The subprotocol the server chose for the open socket ('' before it opens). */
    get protocol() { return socket?.protocol || ''; },
    close() {
      stopped = true;
      clearTimeout(timer);
      socket?.close(1000);
    },
    get open() { return socket?.readyState === WebSocket.OPEN; },
  };
}
