// The Arena client: identity, Play, the lobby view, the match and the end screen.
// Views are plain sections shown one at a time. The Arena client library (/sdk/, docs/client-library.md)
// does the protocol work: REST and the stored identity, the lobby socket, the game socket with
// inputs and prediction; this page adds the views and render.js (canvas + HUD).

import * as client from '/sdk/index.js';
import { draw, hud, swatch } from './render.js';

const $ = (id) => document.getElementById(id);
const input = { up: false, down: false, left: false, right: false, aim: 0, fire: false, onChange: null };
let view = null;
let game = null;
let lastStatus = null;
let lastRoom = null;
const roomStates = []; // every room state seen, in order (the test seam shows it)
let lastScores = null;
let lobbyShownAt = 0;
let countdownTimer = null;
// How long to wait before asking the lobby again when it still names a match server that is gone.
const MOVED_RETRY_MS = 1000;

// ---------------------------------------------------------------------------------------------
// Views and notices

function show(name) {
  view = name;
  for (const el of document.querySelectorAll('.view')) el.hidden = el.id !== name;
  if (name === 'lobby') lobbyShownAt = Date.now();
}

/** A message bar; with `action` = {label, run} it offers the way on. Empty text hides it. */
function notice(text, isError = true, action = null) {
  $('notice').hidden = !text;
  $('notice').classList.toggle('info', !isError);
  $('notice-text').textContent = text || '';
  const button = $('notice-action');
  button.hidden = !action;
  if (action) {
    button.textContent = action.label;
    button.onclick = () => { notice(''); action.run(); };
  }
}

/** Clear words for an API failure. */
function explain(error, retry) {
  if (error.status === 0) return notice('The server cannot be reached. Check your connection.', true, { label: 'Try again', run: retry });
  if (error.status === 503) return notice('The server is unavailable right now. Please try again in a few seconds.', true, { label: 'Try again', run: retry });
  if (error.status === 429) return notice('Too many requests: wait a moment and try again.', true, { label: 'Try again', run: retry });
  return notice(error.message || 'Something went wrong.', true, retry ? { label: 'Try again', run: retry } : null);
}

// ---------------------------------------------------------------------------------------------
// Identity

function showIdentity(player) {
  $('name').value = player.name;
  $('primary').value = player.colors.primary;
  $('secondary').value = player.colors.secondary;
  preview();
  $('who').textContent = `You play as ${player.name}.`;
}

function preview() {
  $('preview').style.background = $('primary').value;
  $('preview').style.borderColor = $('secondary').value;
}

async function saveIdentity(event) {
  event.preventDefault();
  try {
    const result = await client.guest({ name: $('name').value, colors: { primary: $('primary').value, secondary: $('secondary').value } });
    showIdentity(result.player);
    notice('Saved.', false);
    setTimeout(() => notice(''), 1500);
  } catch (e) {
    if (e.status === 400) notice(e.message); else explain(e, () => $('save').click());
  }
}

// ---------------------------------------------------------------------------------------------
// Queue and lobby

async function play() {
  notice('');
  $('play').disabled = true;
  lastRoom = null; // before the request: the room.update that places the player may beat its answer
  try {
    // The answer says where the player stands; the socket tells them of changes from then on.
    lastStatus = queueStatusOf(await client.joinQueue());
    renderLobby();
    show('lobby');
  } catch (e) {
    if (e.status === 409) goTo(e.body?.placement, true); else explain(e, play);
  } finally {
    $('play').disabled = false;
  }
}

/** The queue.status a join's 202 answer (a QueueState) stands for. */
function queueStatusOf(state) {
  const status = String(state?.placement?.status || 'queued').toLowerCase();
  return { t: 'queue.status', status, position: state?.position ?? 0, queued: state?.queued ?? 0, waitedMs: 0 };
}

/** Goes where the server says the player is (after a 409, a reload, or a lost game socket). */
function goTo(placement, fromPlay = false) {
  const status = String(placement?.status || 'idle').toLowerCase();
  if (placement?.url && (status === 'in_game' || status === 'in_room')) {
    if (fromPlay) {
      notice('You are already in a match.', true, { label: 'Rejoin it', run: () => enterMatch(placement.url) });
    } else {
      enterMatch(placement.url);
    }
  } else if (status === 'queued' || status === 'in_room') {
    if (fromPlay) notice('You were already waiting for a match: here is your place.', false);
    renderLobby();
    show('lobby');
  } else if (!fromPlay) {
    show('home');
  }
}

async function leave() {
  try {
    await client.leaveQueue();
    stopCountdown();
    lastRoom = null;
    show('home');
  } catch (e) {
    if (e.status === 409) goTo(e.body?.placement, true); else explain(e, leave);
  }
}

function renderLobby() {
  const s = lastStatus;
  const room = lastRoom;
  if (room) {
    $('lobby-title').textContent = room.state === 'countdown' ? 'Match starting soon' : 'In a room';
    $('queue-status').textContent = `${room.members.length} player${room.members.length === 1 ? '' : 's'} in the room (3 to 5 play).`;
  } else if (s && s.status === 'queued') {
    $('lobby-title').textContent = 'Finding a match…';
    $('queue-status').textContent = `Position ${s.position} of ${s.queued} in the queue · waiting ${Math.round(s.waitedMs / 1000)} s`;
  } else {
    $('lobby-title').textContent = 'Finding a match…';
    $('queue-status').textContent = 'Joining the queue…';
  }
  $('members').replaceChildren(...(room?.members || []).map((m) => {
    const li = document.createElement('li');
    li.dataset.id = m.id;
    li.append(swatch(m.colors.primary), m.name + (m.id === client.identity.player()?.id ? ' (you)' : ''));
    return li;
  }));
  // "No game node free" and similar explanations come in room.update's message.
  $('room-message').hidden = !room?.message;
  $('room-message').textContent = room?.message ? `${room.message}. You keep your place.` : '';
  stopCountdown();
  if (room?.state === 'countdown' && room.countdownDeadline) {
    const tick = () => {
      const left = Math.max(0, Math.ceil((room.countdownDeadline - Date.now()) / 1000));
      $('countdown').textContent = left > 0 ? `Starting in ${left}` : 'Starting…';
    };
    tick();
    $('countdown').hidden = false;
    countdownTimer = setInterval(tick, 200);
  }
}

function stopCountdown() {
  clearInterval(countdownTimer);
  $('countdown').hidden = true;
}

const lobbyEvents = {
  status(msg) {
    lastStatus = msg;
    if (msg.status === 'queued' && view !== 'lobby' && view !== 'game') show('lobby');
    if (msg.status === 'idle' && view === 'lobby' && Date.now() - lobbyShownAt > 3000) {
      notice('You are no longer in the queue.', true, { label: 'Play', run: play });
      show('home');
    }
    if (msg.status === 'queued') lastRoom = null;
    if (view === 'lobby') renderLobby();
  },
  room(msg) {
    lastRoom = msg;
    if (roomStates[roomStates.length - 1] !== msg.state) roomStates.push(msg.state);
    if (view !== 'game') { renderLobby(); show('lobby'); }
  },
  ready(msg) {
    // Sent on start, on every reconnect while the match runs and after a failover (new URL);
    // a late one for a match already over is ignored.
    if (game && game.state.url === msg.url && game.state.ended) return;
    enterMatch(msg.url);
  },
  notice(text, isError) { notice(text, isError); },
  replaced() {
    notice('Arena is open in another tab or window.', true, { label: 'Play here', run: () => { lobby = client.openLobby(lobbyEvents); } });
  },
};

// ---------------------------------------------------------------------------------------------
// The match

function enterMatch(url) {
  if (game && game.state.url === url && !game.state.ended) return;
  game?.stop();
  stopCountdown();
  notice('');
  show('game');
  game = client.startGame(url, input, {
    status(text, isError) { notice(text, isError); },
    end(scores) { showResults(scores); },
    async lost(reason) {
      game = null;
      try {
        const state = await client.standing();
        if (reason === 'cancelled') notice('The match was called off: not enough players arrived. Back to the room.', false);
        if (reason === 'moved' && state.placement?.url === url) {
          // The lobby still names the server that just refused or dropped us: its matches are being
          // handed to another server, whose address comes as match.ready; ask again meanwhile.
          notice('Lost the match server; moving to another one…', true);
          setTimeout(() => { if (!game) goTo(state.placement); }, MOVED_RETRY_MS);
          return;
        }
        goTo(state.placement);
      } catch (e) {
        explain(e, () => lobbyEvents.ready({ url }));
        show('home');
      }
    },
  });
}

function showResults(scores) {
  lastScores = scores;
  const me = client.identity.player()?.id;
  $('results').replaceChildren(...scores.map((s, i) => {
    const li = document.createElement('li');
    li.dataset.id = s.id;
    li.textContent = `${i + 1}. ${s.name}${s.id === me ? ' (you)' : ''}`;
    const b = document.createElement('b');
    b.textContent = s.score;
    li.append(b);
    return li;
  }));
  notice('');
  show('end');
}

function frame() {
  if (view === 'game' && game) {
    const v = game.view();
    draw($('arena'), v);
    hud({ time: $('hud-time'), ping: $('hud-ping'), scores: $('hud-scores') }, v);
  }
  requestAnimationFrame(frame);
}

const KEYS = { KeyW: 'up', ArrowUp: 'up', KeyS: 'down', ArrowDown: 'down', KeyA: 'left', ArrowLeft: 'left', KeyD: 'right', ArrowRight: 'right' };

function setKey(event, down) {
  const dir = KEYS[event.code] || KEYS[{ w: 'KeyW', a: 'KeyA', s: 'KeyS', d: 'KeyD' }[event.key?.toLowerCase()]];
  if (!dir || view !== 'game') return;
  event.preventDefault();
  if (input[dir] !== down) { input[dir] = down; input.onChange?.(); }
}

/** Aims at a point in arena units, from the own (predicted) position. */
function aimAt(x, y) {
  const me = game?.view().players.find((p) => p.you);
  if (!me) return;
  input.aim = Math.atan2(y - me.y, x - me.x);
  input.onChange?.();
}

function canvasPoint(event) {
  const rect = $('arena').getBoundingClientRect();
  const w = game?.state.rules?.arenaWidth || 1600;
  const h = game?.state.rules?.arenaHeight || 900;
  return { x: (event.clientX - rect.left) * w / rect.width, y: (event.clientY - rect.top) * h / rect.height };
}

function setFire(on) {
  input.fire = on;
  input.onChange?.();
}

// ---------------------------------------------------------------------------------------------
// Leaderboard

async function showBoard() {
  const back = view === 'end' ? 'end' : 'home';
  $('board-back').onclick = () => show(back);
  try {
    const top = await client.leaderboard(10);
    $('board-rows').replaceChildren(...top.players.map((p) => {
      const li = document.createElement('li');
      if (p.colors) li.append(swatch(p.colors.primary));
      li.append(`${p.rank}. ${p.name || 'unknown player'}`);
      const b = document.createElement('b');
      b.textContent = p.score;
      li.append(b);
      return li;
    }));
    if (top.players.length === 0) $('board-rows').textContent = 'No scores yet: be the first!';
    show('board');
  } catch (e) {
    explain(e, showBoard);
  }
}

// ---------------------------------------------------------------------------------------------
// Start

let lobby = null;

async function boot() {
  $('identity').addEventListener('submit', saveIdentity);
  $('primary').addEventListener('input', preview);
  $('secondary').addEventListener('input', preview);
  $('play').addEventListener('click', play);
  $('again').addEventListener('click', play);
  $('leave').addEventListener('click', leave);
  $('show-board').addEventListener('click', (e) => { e.preventDefault(); showBoard(); });
  $('end-board').addEventListener('click', (e) => { e.preventDefault(); showBoard(); });
  addEventListener('keydown', (e) => setKey(e, true));
  addEventListener('keyup', (e) => setKey(e, false));
  addEventListener('blur', () => { for (const k of ['up', 'down', 'left', 'right', 'fire']) input[k] = false; input.onChange?.(); });
  $('arena').addEventListener('mousemove', (e) => { const p = canvasPoint(e); aimAt(p.x, p.y); });
  $('arena').addEventListener('mousedown', (e) => { const p = canvasPoint(e); aimAt(p.x, p.y); setFire(true); });
  addEventListener('mouseup', () => setFire(false));
  requestAnimationFrame(frame);

  // The identity first: a stored token keeps the same player; none (or a dead one) gives a new guest.
  const cached = client.identity.player();
  if (cached) showIdentity(cached);
  for (;;) {
    try {
      showIdentity((await client.guest()).player);
      break;
    } catch (e) {
      explain(e, null);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
  lobby = client.openLobby(lobbyEvents);
  // A reload mid-match goes straight back in (the lobby socket also sends match.ready).
  try {
    goTo((await client.standing()).placement);
  } catch (e) {
    show('home');
    explain(e, () => location.reload());
  }
}

// The test seam (used by the browser tests, handy in the console): what the player sees, and
// the same aim and fire the mouse sets.
window.arena = {
  state: () => ({
    view,
    player: client.identity.player(),
    queue: lastStatus,
    room: lastRoom,
    roomStates: [...roomStates],
    game: game ? game.view() : null,
    scores: lastScores,
    input: { up: input.up, down: input.down, left: input.left, right: input.right, aim: input.aim, fire: input.fire },
    errors: game ? game.state.errors : [],
    notice: $('notice').hidden ? null : $('notice-text').textContent,
  }),
  aimAt,
  fire: setFire,
};

boot();
