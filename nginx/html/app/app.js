// The first real page of the Arena client: get a guest identity from the lobby and keep it.
// The token and the player live in localStorage, so a reload is the same player.

const TOKEN_KEY = 'arena.token';
const PLAYER_KEY = 'arena.player';

const status = document.getElementById('status');
const form = document.getElementById('rename');
const nameInput = document.getElementById('name');

function storedPlayer() {
  try {
    return JSON.parse(localStorage.getItem(PLAYER_KEY));
  } catch {
    return null;
  }
}

function showStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

function swatch(color) {
  const dot = document.createElement('span');
  dot.className = 'swatch';
  dot.style.background = color;
  dot.title = color;
  return dot;
}

function showPlayer(player, expiresAt) {
  if (!player) {
    return;
  }
  document.getElementById('player').hidden = false;
  document.getElementById('player-name').textContent = player.name;
  document.getElementById('player-id').textContent = player.id;
  const colors = document.getElementById('player-colors');
  colors.replaceChildren(...[player.colors?.primary, player.colors?.secondary].filter(Boolean).map(swatch));
  if (expiresAt) {
    document.getElementById('player-expires').textContent = new Date(expiresAt * 1000).toLocaleString();
  }
  if (document.activeElement !== nameInput) {
    nameInput.value = player.name;
  }
}

// POST /lobby/api/guest: with our token the lobby returns the same player (and a fresh token);
// without one, or with an expired one, a new guest.
async function identify(request = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch('/lobby/api/guest', { method: 'POST', headers, body: JSON.stringify(request) });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body?.message ?? `the lobby answered ${response.status}`);
  }
  localStorage.setItem(TOKEN_KEY, body.token);
  localStorage.setItem(PLAYER_KEY, JSON.stringify(body.player));
  showPlayer(body.player, body.expiresAt);
  return body.player;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const player = await identify({ name: nameInput.value.trim() });
    showStatus(`You are now ${player.name}.`);
  } catch (error) {
    showStatus(`Could not change the name: ${error.message}`, true);
  } finally {
    button.disabled = false;
  }
});

showPlayer(storedPlayer());
try {
  const player = await identify();
  showStatus(`Welcome, ${player.name}.`);
} catch (error) {
  showStatus(`Could not reach the lobby: ${error.message}`, true);
}
