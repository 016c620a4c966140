package io.losslab.data;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link UrlCache} downloads: how long it waits for a connection, how long it waits for the
 * next byte, and whether it downloads a file again although the cache has it. Immutable; a
 * {@link Builder} makes one, in the style of {@code java.net.http}.
 *
 * <p>The defaults: a read timeout of {@value #DEFAULT_READ_SECONDS} s, a connect timeout of
 * {@value #DEFAULT_CONNECT_SECONDS} s or the read timeout if that is shorter, and cached files
 * used as they are. {@code %dataset load URL timeout=SECONDS refresh=true} sets the same options.
 *
 * <pre>{@code
 * DownloadOptions patient = DownloadOptions.newBuilder().readTimeout(Duration.ofMinutes(2)).refresh(true).build();
 * Path file = UrlCache.defaultCache().fetch(uri, patient, DownloadProgress.NONE);
 * }</pre>
 */
public final class DownloadOptions {

    /** The default read timeout, in seconds. */
    public static final int DEFAULT_READ_SECONDS = 30;

    /** The longest default connect timeout, in seconds. */
    public static final int DEFAULT_CONNECT_SECONDS = 10;

    private static final DownloadOptions DEFAULTS = newBuilder().build();

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean refresh;

    private DownloadOptions(Builder builder) {
        this.readTimeout = builder.readTimeout;
        this.connectTimeout = builder.connectTimeout != null ? builder.connectTimeout
                : min(Duration.ofSeconds(DEFAULT_CONNECT_SECONDS), builder.readTimeout);
        this.refresh = builder.refresh;
    }

    /** The default options. */
    public static DownloadOptions defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** How long a download waits for the server to accept the connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long a download waits for the answer, and then for each next part of the body. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Whether a file is downloaded again although the cache has it. */
    public boolean refresh() {
        return refresh;
    }

    @Override
    public String toString() {
        return "DownloadOptions[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", refresh=" + refresh + "]";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Builds {@link DownloadOptions}; every setter checks its value at once. */
    public static final class Builder {

        private Duration connectTimeout;
        private Duration readTimeout = Duration.ofSeconds(DEFAULT_READ_SECONDS);
        private boolean refresh;

        private Builder() {
        }

        /**
         * How long to wait for the server to accept the connection; unless set, it is
         * {@value DownloadOptions#DEFAULT_CONNECT_SECONDS} s or the read timeout if that is shorter.
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** How long to wait for the answer and for each next part of the body. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive("readTimeout", timeout);
            return this;
        }

        /** Whether to download again although the cache has the file. */
        public Builder refresh(boolean downloadAgain) {
            this.refresh = downloadAgain;
            return this;
        }

        /** The options. */
        public DownloadOptions build() {
            return new DownloadOptions(this);
        }

        private static Duration positive(String name, Duration timeout) {
            Objects.requireNonNull(timeout, name);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, but is " + timeout);
            }
            return timeout;
        }
    }
}
