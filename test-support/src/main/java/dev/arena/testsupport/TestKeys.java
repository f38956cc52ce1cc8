package dev.arena.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The JWT key pair of one test run: generated in memory at first use and written as PEM files
 * for the services' config, so no key ever lives in git.
 */
public final class TestKeys {

    private static KeyPair pair;
    private static Path privateKeyFile;
    private static Path publicKeyFile;

    private TestKeys() {}

    /** The run's key pair, the one the service under test trusts. */
    public static synchronized KeyPair pair() {
        if (pair == null) {
            pair = generate();
            try {
                Path dir = Files.createTempDirectory("arena-test-keys");
                dir.toFile().deleteOnExit();
                privateKeyFile = writePem(dir.resolve("privateKey.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
                publicKeyFile = writePem(dir.resolve("publicKey.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pair;
    }

    public static Path privateKeyFile() {
        pair();
        return privateKeyFile;
    }

    public static Path publicKeyFile() {
        pair();
        return publicKeyFile;
    }

    /** A fresh RSA 2048 pair, also used to forge tokens the service must refuse. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        file.toFile().deleteOnExit();
        return file;
    }
}
