package io.losslab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The expected digest of a file: SHA-256, or MD5 where a dataset publishes only that.
 *
 * <pre>{@code
 * Checksum sum = Checksum.sha256("b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7");
 * Path file = UrlCache.defaultCache().fetch(uri, sum, DownloadProgress.NONE);
 * }</pre>
 *
 * @param algorithm the {@link MessageDigest} algorithm, {@code SHA-256} or {@code MD5}
 * @param hex       the expected digest in lower-case hexadecimal
 */
public record Checksum(String algorithm, String hex) {

    private static final int SHA256_HEX_DIGITS = 64;
    private static final int MD5_HEX_DIGITS = 32;

    /**
     * Checks the digest's form.
     *
     * @throws IllegalArgumentException if the algorithm is neither SHA-256 nor MD5, or the digest
     *     is not hexadecimal of the algorithm's length
     */
    public Checksum {
        int digits = switch (algorithm) {
            case "SHA-256" -> SHA256_HEX_DIGITS;
            case "MD5" -> MD5_HEX_DIGITS;
            default -> throw new IllegalArgumentException("algorithm must be SHA-256 or MD5, but is " + algorithm);
        };
        hex = hex.strip().toLowerCase(Locale.ROOT);
        if (hex.length() != digits || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(algorithm + " digest must be " + digits + " hexadecimal digits, but is '"
                    + hex + "'");
        }
    }

    /** An expected SHA-256 digest. */
    public static Checksum sha256(String hex) {
        return new Checksum("SHA-256", hex);
    }

    /** An expected MD5 digest. */
    public static Checksum md5(String hex) {
        return new Checksum("MD5", hex);
    }

    /** A fresh digest of this algorithm. */
    MessageDigest newDigest() {
        return digest(algorithm);
    }

    /** A fresh digest of {@code algorithm}, one that every Java platform provides. */
    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides " + algorithm, e);
        }
    }

    /** Whether a computed digest is the expected one. */
    boolean matches(byte[] digest) {
        return HexFormat.of().formatHex(digest).equals(hex);
    }

    /** Whether the file's digest is the expected one. */
    boolean matches(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[Inputs.BUFFER_BYTES];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return matches(digest.digest());
    }
}
