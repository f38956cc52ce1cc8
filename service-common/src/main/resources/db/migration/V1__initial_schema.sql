-- The Arena source of truth. Redis holds the live state; this holds what must outlive it.

-- One row per guest identity; the id is the JWT subject.
CREATE TABLE players (
    id              uuid        PRIMARY KEY,
    name            varchar(20) NOT NULL,
    primary_color   char(7)     NOT NULL CHECK (primary_color ~ '^#[0-9a-f]{6}$'),
    secondary_color char(7)     NOT NULL CHECK (secondary_color ~ '^#[0-9a-f]{6}$'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per match a game node ran; ended_at stays null while it runs.
CREATE TABLE matches (
    id          uuid        PRIMARY KEY,
    room_id     varchar(64) NOT NULL UNIQUE,
    node_id     varchar(64) NOT NULL,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz,
    end_reason  varchar(32)
);

-- Each player's part in a match; the position columns are the aggregated movement batches
-- a game node writes, used to restore a match when Redis lost its snapshot.
CREATE TABLE match_players (
    match_id    uuid        NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    player_id   uuid        NOT NULL REFERENCES players (id) ON DELETE CASCADE,
    score       integer     NOT NULL DEFAULT 0 CHECK (score >= 0),
    hits_taken  integer     NOT NULL DEFAULT 0 CHECK (hits_taken >= 0),
    x           real,
    y           real,
    position_at timestamptz,
    left_at     timestamptz,
    PRIMARY KEY (match_id, player_id)
);
CREATE INDEX match_players_player_idx ON match_players (player_id);

-- Running totals; the Redis sorted set is rebuilt from this when it is lost.
CREATE TABLE leaderboard (
    player_id      uuid        PRIMARY KEY REFERENCES players (id) ON DELETE CASCADE,
    total_score    bigint      NOT NULL DEFAULT 0 CHECK (total_score >= 0),
    matches_played integer     NOT NULL DEFAULT 0 CHECK (matches_played >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX leaderboard_score_idx ON leaderboard (total_score DESC);

-- What players tell us from the /feedback page.
CREATE TABLE feedback (
    id         bigserial     PRIMARY KEY,
    player_id  uuid          REFERENCES players (id) ON DELETE SET NULL,
    rating     smallint      NOT NULL CHECK (rating BETWEEN 1 AND 5),
    message    varchar(2000) NOT NULL,
    contact    varchar(200),
    client_ip  inet,
    created_at timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX feedback_created_idx ON feedback (created_at DESC);
