package dev.arena.systemtests.abuse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The Authorization headers the HTTP fuzzer tries: none, two players' valid tokens (one in the
 * match, one in the lobby), an operator's, and the bad ones a client may send: expired (signed with
 * the stack's own key, as an old token of the lobby's is), signed with another key, {@code alg}
 * {@code none}, a payload changed under its signature, and malformed headers.
 */
public final class Tokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {}

    /** {@code stackKey}: the lobby's signing key (PKCS#8 PEM, as ./stack generates it). */
    public static List<HttpFuzzer.Token> forFuzzing(String inMatch, String inLobby, String admin, Path stackKey)
            throws IOException, GeneralSecurityException {
        String[] parts = inLobby.split("\\.");
        ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        long now = Instant.now().getEpochSecond();
        ObjectNode expired = claims.deepCopy().put("iat", now - 7200).put("exp", now - 3600);
        ObjectNode otherPlayer = claims.deepCopy().put("sub", UUID.randomUUID().toString());
        String noneHeader = URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey foreign = generator.generateKeyPair().getPrivate();

        List<HttpFuzzer.Token> tokens = new ArrayList<>();
        tokens.add(new HttpFuzzer.Token("none", null, false));
        tokens.add(new HttpFuzzer.Token("player in the match", "Bearer " + inMatch, true));
        tokens.add(new HttpFuzzer.Token("player in the lobby", "Bearer " + inLobby, true));
        // Any spelling that carries a valid token may be accepted: it counts as a player's.
        tokens.add(new HttpFuzzer.Token("lower-case scheme", "bearer " + inLobby, true));
        tokens.add(new HttpFuzzer.Token("admin", "Bearer " + admin, false));
        tokens.add(new HttpFuzzer.Token("expired", "Bearer " + sign(readKey(stackKey), expired.toString()), false));
        tokens.add(new HttpFuzzer.Token("foreign key", "Bearer " + sign(foreign, claims.toString()), false));
        tokens.add(new HttpFuzzer.Token("alg none", "Bearer " + noneHeader + "." + parts[1] + ".", false));
        tokens.add(new HttpFuzzer.Token("payload changed",
                "Bearer " + parts[0] + "." + URL.encodeToString(otherPlayer.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2], false));
        tokens.add(new HttpFuzzer.Token("garbage", "Bearer x.y.z", false));
        tokens.add(new HttpFuzzer.Token("empty", "Bearer ", false));
        tokens.add(new HttpFuzzer.Token("basic", "Basic dXNlcjpwYXNz", false));
        tokens.add(new HttpFuzzer.Token("huge", "Bearer " + "A".repeat(3000), false));
        tokens.add(new HttpFuzzer.Token("trailing junk", "Bearer " + inLobby + " junk", true));
        tokens.add(new HttpFuzzer.Token("truncated", "Bearer " + inLobby.substring(0, inLobby.length() - 5), false));
        return tokens;
    }

    private static PrivateKey readKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String sign(PrivateKey key, String claims) throws GeneralSecurityException {
        String input = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + URL.encodeToString(rsa.sign());
    }
}
