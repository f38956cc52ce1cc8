package dev.arena.lobby.domain;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.store.FeedbackStore;
import dev.arena.lobby.store.RateLimitStore;
import dev.arena.model.identity.PlayerIdentityRules;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Takes feedback: rate-limited per client IP, tied to the player when a valid token came along. */
@ApplicationScoped
public class FeedbackService {

    /** What became of a post: stored with its id, or refused for {@code retryAfterSeconds}. */
    public sealed interface Outcome {
        /** Stored as row {@code id}. */
        record Stored(long id) implements Outcome {}

        /** Over the per-IP limit; the window ends in {@code retryAfterSeconds}. */
        record Limited(long retryAfterSeconds) implements Outcome {}
    }

    static final String BUCKET = "feedback";

    private final FeedbackStore store;
    private final RateLimitStore limits;
    private final LobbyConfig config;
    private final JWTParser parser;

    public FeedbackService(FeedbackStore store, RateLimitStore limits, LobbyConfig config, JWTParser parser) {
        this.store = store;
        this.limits = limits;
        this.config = config;
        this.parser = parser;
    }

    /** Counts the post against {@code clientIp} (null: one shared "unknown" bucket) and stores it when allowed. */
    public Uni<Outcome> submit(FeedbackSubmission post, String bearerToken, String clientIp) {
        UUID player = playerOf(bearerToken);
        String client = clientIp == null ? "unknown" : clientIp;
        LobbyConfig.Feedback rules = config.feedback();
        return limits.hit(BUCKET, client, rules.ratePerWindow(), rules.rateWindow()).chain(hit -> {
            if (!hit.allowed()) {
                return Uni.createFrom().item(new Outcome.Limited(hit.retryAfterSeconds()));
            }
            return store.insert(player, post.rating(), post.message(), post.contact(), clientIp)
                    .map(id -> (Outcome) new Outcome.Stored(id));
        });
    }

    /** The player of a valid player token; anything else (none, expired, forged) posts anonymously. */
    private UUID playerOf(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            return jwt.getGroups().contains(PlayerIdentityRules.PLAYER_ROLE) ? UUID.fromString(jwt.getSubject()) : null;
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
