package dev.arena.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A fresh RS256 key pair per run, written as the services read it (PKCS#8 private key, X.509
 * public key, PEM), and player tokens signed with it carrying the claims the lobby issues, with
 * nothing but the JDK.
 */
public final class JwtKeys {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final KeyPair pair;
    private final Path privateKeyFile;
    private final Path publicKeyFile;

    private JwtKeys(KeyPair pair, Path privateKeyFile, Path publicKeyFile) {
        this.pair = pair;
        this.privateKeyFile = privateKeyFile;
        this.publicKeyFile = publicKeyFile;
    }

    /** Generates a 2048-bit RSA pair and writes privateKey.pem and publicKey.pem into {@code dir}. */
    public static JwtKeys generate(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Path privateKey = dir.resolve("privateKey.pem");
            Path publicKey = dir.resolve("publicKey.pem");
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new JwtKeys(pair, privateKey, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path privateKeyFile() {
        return privateKeyFile;
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A player token as {@code POST /lobby/api/guest} issues it, valid for an hour. */
    public String playerToken(UUID playerId, String name) {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"arena-lobby\",\"sub\":\"" + playerId + "\",\"upn\":\"" + playerId + "\""
                + ",\"groups\":[\"player\"],\"name\":\"" + name + "\""
                + ",\"colors\":{\"primary\":\"#e6194b\",\"secondary\":\"#3cb44b\"}"
                + ",\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = HEADER + "." + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(pair.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
