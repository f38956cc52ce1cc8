// TypeScript declarations of the Arena client library (index.js) and of every message of the
// protocol it speaks (docs/protocol.md, version 2). The message shapes mirror shared-model's
// records; ClientLibraryTest checks that every message type there is declared here.

/** The game protocol version this library speaks. */
export declare const PROTOCOL_VERSION: 2;
/** The library's version: the protocol's major, then its own minor and patch. */
export declare const VERSION: string;

// ---- Shared objects -------------------------------------------------------------------------

export interface Colors {
  /** `#rrggbb` */
  primary: string;
  /** `#rrggbb` */
  secondary: string;
}

export interface PlayerInfo {
  id: string;
  name: string;
  colors: Colors;
}

/** Where a player is in the journey. */
export type PlayerStatus = 'idle' | 'queued' | 'in_room' | 'in_game';

/** A room's state in matchmaking. */
export type RoomState = 'waiting' | 'countdown' | 'starting' | 'running';

/** The rules of a match, as `start` sends them. Lengths in arena units, times in ms, speeds per second. */
export interface GameRules {
  arenaWidth: number;
  arenaHeight: number;
  playerRadius: number;
  playerSpeed: number;
  projectileRadius: number;
  projectileSpeed: number;
  projectileLifetimeMs: number;
  fireCooldownMs: number;
  matchLengthMs: number;
  tickMs: number;
  sendRateHz: number;
  minPlayers: number;
  maxPlayers: number;
}

export interface SnapshotPlayer {
  id: string;
  x: number;
  y: number;
  /** Radians. */
  aim: number;
  score: number;
  /** The last input sequence number the server applied for this player. */
  seq: number;
}

export interface SnapshotProjectile {
  id: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** The player who fired it. */
  owner: string;
}

export interface FinalScore {
  id: string;
  name: string;
  score: number;
}

// ---- Lobby socket (/lobby) ------------------------------------------------------------------

export interface LobbyPing { t: 'ping' }
export interface LobbyQueue { t: 'queue' }
export interface LobbyLeave { t: 'leave' }
/** What a client sends on the lobby socket. */
export type LobbyClientMessage = LobbyPing | LobbyQueue | LobbyLeave;

export interface QueueStatus {
  t: 'queue.status';
  status: PlayerStatus;
  /** 1-based place in the queue, 0 when not queued. */
  position: number;
  queued: number;
  waitedMs: number;
}

export interface RoomUpdate {
  t: 'room.update';
  roomId: string;
  state: RoomState;
  members: PlayerInfo[];
  /** Epoch ms when the countdown ends; absent outside a countdown. */
  countdownDeadline?: number;
  /** Why the room waits, e.g. for a free game node; absent otherwise. */
  message?: string;
}

export interface MatchReady {
  t: 'match.ready';
  roomId: string;
  nodeId: string;
  /** The game socket's path, `/game/{nodeId}/{roomId}`; sent again when the match moves to another node. */
  url: string;
}

export interface LobbyPong { t: 'pong' }

/** An error frame (both sockets): a code of docs/protocol.md and a sentence for people. */
export interface ErrorMessage {
  t: 'err';
  code: string;
  message: string;
}

/** What the lobby sends on the lobby socket. */
export type LobbyServerMessage = QueueStatus | RoomUpdate | MatchReady | LobbyPong | ErrorMessage;

// ---- Game socket (/game/{nodeId}/{roomId}) --------------------------------------------------

/** Input frame `{up, down, left, right, aim, fire}` without its type and sequence number. */
export interface InputFrame {
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
  /** Radians, -π to π. */
  aim: number;
  fire: boolean;
}

/** An input (JSON in version 1; version 2 sends it as 8 bytes, see encodeInput). */
export interface GameInput extends InputFrame {
  t: 'in';
  /** Increases by one per input; restarts on each connection. */
  seq: number;
}

export interface GamePing {
  t: 'ping';
  id: number;
  clientTime: number;
}

/** What a client sends on the game socket. */
export type GameClientMessage = GameInput | GamePing;

export interface Start {
  t: 'start';
  roomId: string;
  /** The receiving player's id. */
  you: string;
  rules: GameRules;
  roster: PlayerInfo[];
  tick: number;
  tickRateHz: number;
  sendRateHz: number;
  /** Epoch ms when the match ends. */
  endsAt: number;
}

/** A snapshot (JSON in version 1; version 2 sends it binary, see decodeSnapshot). */
export interface Snapshot {
  t: 'snap';
  tick: number;
  players: SnapshotPlayer[];
  proj: SnapshotProjectile[];
}

export interface End {
  t: 'end';
  roomId: string;
  /** Best first. */
  scores: FinalScore[];
}

export interface GamePong {
  t: 'pong';
  id: number;
  clientTime: number;
  serverTime: number;
}

/** What the game node sends on the game socket. */
export type GameServerMessage = Start | Snapshot | End | GamePong | ErrorMessage;

// ---- REST (lobby API) -----------------------------------------------------------------------

/** A failed call: the HTTP status (0 when the server could not be reached), the error code and body. */
export declare class ApiError extends Error {
  constructor(status: number, body: { code?: string; message?: string } | null);
  readonly status: number;
  readonly code: string;
  readonly body: unknown;
}

export interface GuestResponse {
  token: string;
  player: PlayerInfo;
  /** Epoch seconds. */
  expiresAt: number;
}

export interface Placement {
  status: PlayerStatus;
  roomId: string | null;
  nodeId: string | null;
  /** The game socket's path once the match runs. */
  url: string | null;
  queuedAt: number | null;
}

export interface QueueState {
  placement: Placement;
  position: number;
  queued: number;
}

export interface LeaderboardRow {
  rank: number;
  id: string;
  name: string | null;
  colors: Colors | null;
  score: number;
}

export interface FeedbackPost {
  rating: 1 | 2 | 3 | 4 | 5;
  message: string;
  contact?: string;
}

/** A call to this origin's API with `token` (if any) as the bearer: the parsed JSON answer, or an ApiError. */
export declare function request<T = unknown>(method: string, path: string, body?: unknown, token?: string | null): Promise<T>;

/** The stored token and player (localStorage). */
export declare const identity: {
  token(): string | null;
  player(): PlayerInfo | null;
  save(guest: GuestResponse): void;
  forgetToken(): void;
};

/** Gets a guest identity or keeps the stored one (a valid stored token is the same player), optionally renamed or recolored. */
export declare function guest(changes?: { name?: string; colors?: Colors }): Promise<GuestResponse>;
/** Queues the player (202); 409 (ApiError with the placement in its body) when already placed. */
export declare function joinQueue(): Promise<QueueState>;
/** Where the player is after leaving: idle, or (202) still in a room while the matchmaker confirms; 409 (ApiError) in a match. */
export declare function leaveQueue(): Promise<Placement>;
export declare function standing(): Promise<QueueState>;
export declare function leaderboard(limit?: number): Promise<{ players: LeaderboardRow[] }>;
export declare function sendFeedback(post: FeedbackPost): Promise<{ id: number }>;

// ---- Sockets --------------------------------------------------------------------------------

/** The absolute ws(s) URL of a path on this origin. */
export declare function wsUrl(path: string): string;

export interface SocketHandlers<In> {
  /** A JSON text frame. */
  message(msg: In): void;
  /** A binary frame (version 2's snapshots). */
  binary?(buffer: ArrayBuffer): void;
  open?(): void;
  /** Return false to stop reconnecting. */
  close?(event: CloseEvent, info: { opened: boolean }): boolean | void | Promise<boolean | void>;
  /** Before each new attempt. */
  retry?(delayMs: number, attempt: number): void;
}

export interface ArenaSocket<Out> {
  send(msg: Out): void;
  sendBinary(buffer: ArrayBuffer): void;
  /** The subprotocol the server chose ('' before the socket opens). */
  readonly protocol: string;
  readonly open: boolean;
  close(): void;
}

/** Opens a socket on this origin carrying the stored token, and reopens it with backoff when it drops. */
export declare function connect<In = LobbyServerMessage | GameServerMessage, Out = LobbyClientMessage | GameClientMessage>(
  path: string, handlers: SocketHandlers<In>, subprotocol?: string): ArenaSocket<Out>;

export interface LobbyEvents {
  status(msg: QueueStatus): void;
  room(msg: RoomUpdate): void;
  /** Connect to `msg.url`; sent again when the match moves to another node. */
  ready(msg: MatchReady): void;
  notice(text: string, isError?: boolean): void;
  /** Another tab or window of the same player took the lobby socket over (close 4009). */
  replaced(): void;
}

/** The lobby socket for the whole visit: queue status, room, countdown and match.ready; pings every 15 s. */
export declare function openLobby(events: LobbyEvents): ArenaSocket<LobbyClientMessage>;

/** The live input the game loop sends about 30 times a second (and at once on a change, through onChange). */
export interface LiveInput extends InputFrame {
  onChange: (() => void) | null;
}

export interface GameEvents {
  status(text: string, isError?: boolean): void;
  end(scores: FinalScore[]): void;
  /** The socket cannot be used any more: `cancelled` (called off) or `moved` (ask the lobby where the match runs now). */
  lost(reason: 'cancelled' | 'moved'): void;
}

/** A player as drawn now: the own one predicted, the others interpolated 100 ms in the past. */
export interface ViewPlayer {
  id: string;
  name: string;
  colors: Colors;
  x: number;
  y: number;
  aim: number;
  score: number;
  you: boolean;
}

export interface GameView {
  roomId: string | null;
  url: string;
  you: string | null;
  rules: GameRules | null;
  endsAt: number;
  pingMs: number | null;
  connected: boolean;
  protocol: string;
  players: ViewPlayer[];
  proj: { x: number; y: number; owner: string }[];
}

export interface GameSession {
  /** What to draw at `now` (performance.now() ms). */
  view(now?: number): GameView;
  stop(): void;
}

/** Plays the match at `url` (from match.ready): the game socket, inputs, prediction, interpolation. */
export declare function startGame(url: string, input: LiveInput, events: GameEvents): GameSession;

// ---- Prediction and interpolation -----------------------------------------------------------

export interface Position {
  x: number;
  y: number;
}

/** Moves a position by held keys for `ms`, as the server's simulation does. */
export declare function move(pos: Position, input: InputFrame, ms: number, rules: GameRules): Position;

export declare class Predictor {
  constructor(rules: GameRules);
  sent(seq: number, input: InputFrame, at: number): void;
  ack(x: number, y: number, seq: number): void;
  position(now: number): Position | null;
}

export declare class Interpolator {
  constructor(delayMs?: number);
  push(at: number, players: Map<string, Position & { aim?: number }>): void;
  at(id: string, now: number): (Position & { aim?: number }) | null;
}

// ---- Protocol version 2 binary frames -------------------------------------------------------

/** The subprotocol that asks the game node for version 2. */
export declare const GAME_PROTOCOL_V2: 'arena.v2';
/** An aim as version 2 carries it, so prediction uses what the node will. */
export declare function quantizedAim(aim: number): number;
/** The 8-byte binary `in` frame. */
export declare function encodeInput(seq: number, frame: InputFrame): ArrayBuffer;
/** A binary snapshot in the shape of `snap`, players named by their roster index; null when malformed. */
export declare function decodeSnapshot(buffer: ArrayBuffer, rosterIds: string[], rules: GameRules): Snapshot | null;
