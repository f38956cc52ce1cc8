package dev.arena.lobby.domain;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.store.RateLimitStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Signs an operator in to the console: the configured password in exchange for an admin token.
 * Attempts are counted per client IP (shared by every lobby instance), so the password cannot be
 * guessed at the edge's request rate.
 */
@ApplicationScoped
public class OperatorSignIn {

    /** What became of an attempt. */
    public sealed interface Outcome {
        /** The password matched: the operator's token. */
        record SignedIn(GuestTokenIssuer.IssuedToken token) implements Outcome {}

        /** The password did not match. */
        record Refused() implements Outcome {}

        /** Too many attempts from this address; the window ends in {@code retryAfterSeconds}. */
        record Limited(long retryAfterSeconds) implements Outcome {}

        /** No usable password is configured: nobody signs in. */
        record Disabled() implements Outcome {}
    }

    static final String BUCKET = "operator-sign-in";
    private static final Logger LOG = Logger.getLogger(OperatorSignIn.class);

    private final RateLimitStore limits;
    private final GuestTokenIssuer issuer;
    private final LobbyConfig.Console config;
    /** The password's digest: compared in constant time, whatever the length of the attempt. */
    private final Optional<byte[]> passwordDigest;

    public OperatorSignIn(RateLimitStore limits, GuestTokenIssuer issuer, LobbyConfig config) {
        this.limits = limits;
        this.issuer = issuer;
        this.config = config.console();
        this.passwordDigest = this.config.password().filter(OperatorSignIn::usable).map(OperatorSignIn::digest);
        if (this.config.password().isPresent() && passwordDigest.isEmpty()) {
            LOG.warnf("arena.lobby.console.password has fewer than %d characters: console sign-in is off",
                    LobbyConfig.Console.MIN_PASSWORD_LENGTH);
        }
    }

    /** Counts the attempt against {@code clientIp} (null: one shared "unknown" bucket), then checks the password. */
    public Uni<Outcome> signIn(String password, String clientIp) {
        if (passwordDigest.isEmpty()) {
            return Uni.createFrom().item(new Outcome.Disabled());
        }
        String client = clientIp == null ? "unknown" : clientIp;
        return limits.hit(BUCKET, client, config.attemptsPerWindow(), config.attemptWindow()).map(hit -> {
            if (!hit.allowed()) {
                return new Outcome.Limited(hit.retryAfterSeconds());
            }
            if (password == null || !MessageDigest.isEqual(passwordDigest.get(), digest(password))) {
                LOG.infof("console sign-in refused for %s", client);
                return new Outcome.Refused();
            }
            LOG.infof("console sign-in for %s", client);
            return new Outcome.SignedIn(issuer.issueOperator());
        });
    }

    private static boolean usable(String password) {
        return password.length() >= LobbyConfig.Console.MIN_PASSWORD_LENGTH;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
