// The operator console. Signs in with the operator password (the lobby answers with an admin
// token, kept for this tab only), polls the services' admin endpoints through the edge
// (/console/api/<service>/... is the service's /admin/...), charts a few figures over the last
// minutes, and acts on rooms, players and nodes. docs/operations.md describes it.

import { request } from '/sdk/index.js';

const TOKEN_KEY = 'arena.console.token';
const POLL_MS = 2000;
const HISTORY = 150; // samples per chart: five minutes at POLL_MS
const MAX_ROWS = 200; // rooms listed; the counts above the table are complete
const CONFIRM_MS = 4000; // how long a dangerous button waits for its second click

const $ = (id) => document.getElementById(id);
const path = (...parts) => parts.map(encodeURIComponent).join('/');

const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  save: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  forget: () => sessionStorage.removeItem(TOKEN_KEY),
};

// An admin call; a refused token (expired, or not an operator's) ends the session.
async function admin(method, url) {
  try {
    return await request(method, '/console/api/' + url, undefined, session.token());
  } catch (e) {
    if (e.status === 401 || e.status === 403) signOut('Your session ended: sign in again.');
    throw e;
  }
}

const api = {
  signIn: (password) => request('POST', '/lobby/api/operator/session', { password }),
  nodes: () => admin('GET', 'matchmaker/nodes'),
  rooms: () => admin('GET', 'matchmaker/rooms'),
  matchmaking: () => admin('GET', 'matchmaker/matchmaking'),
  room: (id) => admin('GET', 'matchmaker/rooms/' + path(id)),
  dissolve: (id) => admin('POST', 'matchmaker/rooms/' + path(id, 'dissolve')),
  nodeRooms: (node) => admin('GET', 'game/' + path(node, 'rooms')),
  endRoom: (node, id) => admin('POST', 'game/' + path(node, 'rooms', id, 'end')),
  drain: (node) => admin('POST', 'game/' + path(node, 'drain')),
  queue: () => admin('GET', 'lobby/queue'),
  findPlayers: (q) => admin('GET', 'lobby/players?q=' + encodeURIComponent(q)),
  removePlayer: (id) => admin('DELETE', 'lobby/players/' + path(id)),
};

// ---- small DOM helpers -------------------------------------------------------------------

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '–';
  if (className) td.className = className;
  return td;
}

function row(cells, attributes = {}) {
  const tr = document.createElement('tr');
  for (const [name, value] of Object.entries(attributes)) tr.setAttribute(name, value);
  cells.forEach((c) => tr.append(c));
  return tr;
}

// A button that acts on its second click within CONFIRM_MS, so a stray click ends nothing. The
// armed state is kept by action, so the tables' redraw every POLL_MS does not disarm it.
const armed = new Map(); // action key -> timer that disarms it

function dangerous(key, label, action) {
  const button = document.createElement('button');
  button.type = 'button';
  const render = () => {
    button.textContent = armed.has(key) ? 'Confirm ' + label.toLowerCase() : label;
    button.className = armed.has(key) ? 'confirm' : 'danger';
  };
  render();
  button.addEventListener('click', async () => {
    if (!armed.has(key)) {
      armed.set(key, setTimeout(() => { armed.delete(key); render(); }, CONFIRM_MS));
      render();
      return;
    }
    clearTimeout(armed.get(key));
    armed.delete(key);
    button.disabled = true;
    try {
      await action();
      problem(null);
    } catch (e) {
      problem(`${label} failed: ${e.message}`);
    }
    refresh();
  });
  const td = document.createElement('td');
  td.append(button);
  return td;
}

function figures(target, pairs) {
  target.replaceChildren(...pairs.map(([label, value]) => {
    const span = document.createElement('span');
    const b = document.createElement('b');
    b.textContent = value;
    span.append(label + ' ', b);
    return span;
  }));
}

function problem(message) {
  $('problem').textContent = message || '';
  $('problem').hidden = !message;
}

const seconds = (ms) => (ms / 1000).toFixed(1) + ' s';
const millis = (ms) => (ms == null ? null : ms.toFixed(1) + ' ms');

// ---- charts --------------------------------------------------------------------------------

const charts = {
  queued: { canvas: 'chart-queued', now: 'now-queued', values: [] },
  wait: { canvas: 'chart-wait', now: 'now-wait', values: [] },
  toRoom: { canvas: 'chart-to-room', now: 'now-to-room', values: [] },
  playing: { canvas: 'chart-playing', now: 'now-playing', values: [] },
  lateness: { canvas: 'chart-lateness', now: 'now-lateness', values: [] },
};

function sample(name, value) {
  const chart = charts[name];
  chart.values.push(value);
  if (chart.values.length > HISTORY) chart.values.shift();
  $(chart.now).textContent = value == null ? '–' : (Number.isInteger(value) ? value : value.toFixed(1));
  const canvas = $(chart.canvas);
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  const known = chart.values.filter((v) => v != null);
  const top = Math.max(1, ...known) * 1.1;
  g.strokeStyle = '#4f7cff';
  g.lineWidth = 2;
  g.beginPath();
  chart.values.forEach((v, i) => {
    if (v == null) return;
    const x = (i / (HISTORY - 1)) * canvas.width;
    const y = canvas.height - (v / top) * (canvas.height - 4) - 2;
    if (i === 0 || chart.values[i - 1] == null) g.moveTo(x, y); else g.lineTo(x, y);
  });
  g.stroke();
}

// ---- the views ------------------------------------------------------------------------------

const state = { nodes: [], nodeRooms: new Map(), rooms: null, queue: null, matchmaking: null };

function renderNodes() {
  const body = $('nodes').tBodies[0];
  body.replaceChildren(...state.nodes.map((node) => {
    const own = state.nodeRooms.get(node.nodeId);
    const heartbeat = node.alive ? 'alive (' + seconds(node.heartbeatTtlMs) + ' left)' : node.lost ? 'lost: rooms wait for a node' : 'lapsed';
    const drained = own?.drained;
    const tr = row([
      cell(node.nodeId),
      cell(drained ? 'drained' : heartbeat),
      // The node's own answer is fresher than its last heartbeat.
      cell(String(own ? own.rooms.length : node.rooms ?? node.grantedRooms), 'num'),
      cell(own ? String(own.connectedPlayers) : null, 'num'),
      cell(String(node.grantedPlayers), 'num'),
      cell(node.capacity == null ? null : String(node.capacity), 'num'),
      cell(millis(own?.tick.lateness.p99Ms), 'num'),
      cell(millis(own?.tick.duration.p99Ms), 'num'),
      node.alive && !drained ? dangerous('drain:' + node.nodeId, 'Drain', () => api.drain(node.nodeId)) : cell(''),
    ], { 'data-node': node.nodeId });
    if (node.lost) tr.className = 'lost';
    else if (drained) tr.className = 'drained';
    return tr;
  }));
}

function renderQueue() {
  const q = state.queue;
  if (!q) return;
  const pairs = [['queued', String(q.length)], ['longest wait', seconds(q.oldestWaitMs)]];
  const toRoom = state.matchmaking?.queueToRoom;
  if (toRoom) pairs.push(['queue → room p50', millis(toRoom.p50Ms)], ['p99', millis(toRoom.p99Ms)]);
  for (const [status, n] of Object.entries(q.statuses)) pairs.push([status.replace('_', ' '), String(n)]);
  pairs.push(['players seen', q.scanned + (q.complete ? '' : '+')]);
  figures($('queue'), pairs);
}

// Rooms in matchmaking come from the matchmaker, running ones from the node that runs them.
function roomLines() {
  const lines = [];
  const running = new Set();
  for (const [nodeId, own] of state.nodeRooms) {
    for (const room of own.rooms) {
      running.add(room.roomId);
      lines.push({ roomId: room.roomId, state: 'running', nodeId, members: room.members.length,
        connected: room.connected, endsAt: room.endsAt });
    }
  }
  for (const [roomState, rooms] of Object.entries(state.rooms?.rooms ?? {})) {
    for (const room of rooms) {
      if (!running.has(room.roomId)) lines.push({ roomId: room.roomId, state: roomState, members: room.members });
    }
  }
  return lines;
}

function renderRooms() {
  const lines = roomLines();
  // The matchmaker lists the rooms it still acts on (deadlines); running ones are counted on their nodes.
  const counts = { ...(state.rooms?.counts ?? {}) };
  counts.running = lines.filter((room) => room.state === 'running').length;
  figures($('room-counts'), [...Object.entries(counts).map(([s, n]) => [s, String(n)]),
    ['total', String(lines.length)]]);
  const now = Date.now();
  $('rooms').tBodies[0].replaceChildren(...lines.slice(0, MAX_ROWS).map((room) => {
    const link = document.createElement('a');
    link.className = 'room';
    link.textContent = room.roomId;
    link.addEventListener('click', () => showRoom(room.roomId));
    const name = document.createElement('td');
    name.append(link);
    const action = room.state === 'running'
      ? dangerous('end:' + room.roomId, 'End', () => api.endRoom(room.nodeId, room.roomId))
      : dangerous('dissolve:' + room.roomId, 'Dissolve', () => api.dissolve(room.roomId));
    return row([name, cell(room.state), cell(room.nodeId), cell(String(room.members), 'num'),
      cell(room.connected == null ? null : String(room.connected), 'num'),
      cell(room.endsAt ? seconds(Math.max(0, room.endsAt - now)) : null, 'num'), action],
    { 'data-room': room.roomId, 'data-state': room.state });
  }));
}

async function showRoom(roomId) {
  const details = $('room-details');
  details.hidden = false;
  try {
    const room = await api.room(roomId);
    const members = room.members.map((m) => (m.name ? `${m.name} (${m.id})` : m.id)).join(', ');
    details.textContent = `Room ${room.roomId}: ${room.state}${room.nodeId ? ' on ' + room.nodeId : ''}; members: ${members}`;
  } catch (e) {
    details.textContent = `Room ${roomId}: ${e.status === 404 ? 'no longer in matchmaking' : e.message}`;
  }
}

async function findPlayers(event) {
  event.preventDefault();
  const q = $('find').value.trim();
  $('find-error').hidden = true;
  if (!q) return;
  try {
    const found = await api.findPlayers(q);
    $('players').hidden = false;
    $('players').tBodies[0].replaceChildren(...(found.players.length ? found.players.map((p) => row([
      cell(p.name), cell(p.id), cell(p.status.replace('_', ' ')), cell(p.roomId), cell(p.nodeId),
      p.status === 'idle' ? cell('') : dangerous('remove:' + p.id, 'Remove', async () => {
        await api.removePlayer(p.id);
        findPlayers(event);
      }),
    ], { 'data-player': p.id, 'data-status': p.status })) : [row([cell('nobody found')])]));
  } catch (e) {
    $('find-error').textContent = e.message;
    $('find-error').hidden = false;
  }
}

// ---- polling --------------------------------------------------------------------------------

let timer = null;

async function refresh() {
  if (!session.token()) return;
  const [nodes, rooms, queue, matchmaking] = await Promise.allSettled([api.nodes(), api.rooms(), api.queue(), api.matchmaking()]);
  if (!session.token()) return; // signed out by a refused call
  const failed = [nodes, rooms, queue, matchmaking].filter((r) => r.status === 'rejected').map((r) => r.reason.message);
  state.nodes = nodes.status === 'fulfilled' ? nodes.value.nodes : state.nodes;
  state.rooms = rooms.status === 'fulfilled' ? rooms.value : state.rooms;
  state.queue = queue.status === 'fulfilled' ? queue.value : state.queue;
  state.matchmaking = matchmaking.status === 'fulfilled' ? matchmaking.value : state.matchmaking;
  const alive = state.nodes.filter((n) => n.alive);
  const own = await Promise.allSettled(alive.map((n) => api.nodeRooms(n.nodeId)));
  state.nodeRooms = new Map();
  own.forEach((r, i) => {
    if (r.status === 'fulfilled') state.nodeRooms.set(alive[i].nodeId, r.value);
    else failed.push(`${alive[i].nodeId}: ${r.reason.message}`);
  });
  problem(failed.length ? 'Not answering: ' + failed.join('; ') : null);
  renderNodes();
  renderQueue();
  renderRooms();
  const lateness = [...state.nodeRooms.values()].map((n) => n.tick.lateness.p99Ms);
  sample('queued', state.queue?.length ?? null);
  sample('wait', state.queue ? state.queue.oldestWaitMs / 1000 : null);
  sample('toRoom', state.matchmaking ? state.matchmaking.queueToRoom.p99Ms : null);
  sample('playing', [...state.nodeRooms.values()].reduce((sum, n) => sum + n.connectedPlayers, 0));
  sample('lateness', lateness.length ? Math.max(...lateness) : null);
  $('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
}

function show(signedIn) {
  $('signin').hidden = signedIn;
  $('console').hidden = !signedIn;
  clearInterval(timer);
  timer = null;
  if (signedIn) {
    refresh();
    timer = setInterval(refresh, POLL_MS);
  } else {
    $('password').focus();
  }
}

function signOut(message) {
  session.forget();
  $('signin-error').textContent = message || '';
  $('signin-error').hidden = !message;
  show(false);
}

async function signIn(event) {
  event.preventDefault();
  const button = $('signin-button');
  button.disabled = true;
  try {
    const operator = await api.signIn($('password').value);
    session.save(operator.token);
    $('password').value = '';
    $('signin-error').hidden = true;
    show(true);
  } catch (e) {
    $('signin-error').textContent = e.status === 401 ? 'Wrong password.' : e.message;
    $('signin-error').hidden = false;
  } finally {
    button.disabled = false;
  }
}

$('signin-form').addEventListener('submit', signIn);
$('signout').addEventListener('click', () => signOut(null));
$('find-form').addEventListener('submit', findPlayers);
show(Boolean(session.token()));
