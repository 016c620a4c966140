package io.losslab.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens data files, gzip-compressed or not, and turns a damaged gzip stream into a clear error. */
final class Inputs {

    /** Large enough that the inflater, not the call overhead, sets the speed. */
    static final int BUFFER_BYTES = 1 << 16;

    private static final int GZIP_MAGIC_FIRST = 0x1f;
    private static final int GZIP_MAGIC_SECOND = 0x8b;

    private Inputs() {
    }

    /**
     * The bytes of {@code file}, decompressed if it is gzip. Whether it is gzip is read from its
     * first two bytes, not its name, so a renamed file still loads.
     */
    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        try {
            return isGzip(raw) ? new GzipStream(file, raw) : raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The text of {@code file} as UTF-8, decompressed if it is gzip. */
    static BufferedReader openText(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8), BUFFER_BYTES);
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_FIRST && second == GZIP_MAGIC_SECOND;
    }

    /**
     * A gzip stream whose failures name the file: the JDK's own messages ("Unexpected end of ZLIB
     * input stream") do not say which file, nor that the cure is to fetch it again.
     */
    private static final class GzipStream extends FilterInputStream {

        private final Path file;

        GzipStream(Path file, InputStream compressed) throws IOException {
            super(gunzip(file, compressed));
            this.file = file;
        }

        private static InputStream gunzip(Path file, InputStream compressed) throws IOException {
            try {
                return new GZIPInputStream(compressed, BUFFER_BYTES);
            } catch (EOFException | ZipException e) {
                throw damaged(file, e);
            }
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (EOFException | ZipException e) {
                throw damaged(file, e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (EOFException | ZipException e) {
                throw damaged(file, e);
            }
        }

        private static MalformedDataException damaged(Path file, IOException cause) {
            String what = cause instanceof EOFException
                    ? " is truncated: its gzip stream ends before the end of the compressed data"
                    : " is not a valid gzip file (" + cause.getMessage() + ")";
            return new MalformedDataException(file + what + "; download or copy it again", cause);
        }
    }
}
