package io.losslab.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.function.Executable;

/** Writes the files the loader tests read, and checks error messages. */
final class TestFiles {

    private TestFiles() {
    }

    static Path text(Path directory, String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }

    static Path gzip(Path directory, String name, byte[] content) throws IOException {
        Path file = directory.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    /** Runs {@code action}, expects {@code type}, and checks that its message contains every fragment. */
    static <T extends Throwable> T assertFails(Class<T> type, Executable action, String... fragments) {
        T thrown = assertThrows(type, action);
        for (String fragment : fragments) {
            assertTrue(thrown.getMessage().contains(fragment),
                    "message should contain \"" + fragment + "\" but is: " + thrown.getMessage());
        }
        return thrown;
    }
}
