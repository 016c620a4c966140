package io.losslab.kernel.bundled;

import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.messages.reply.HistoryReply;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;
import java.util.List;

/**
 * The replies the bundled kernel sends itself where the base library's fall short of what
 * JupyterLab 4 expects. JupyterLab learns a kernel's status from the status messages around its
 * history request (those around {@code kernel_info_request} it ignores), and the base library
 * answers that request with nothing when a kernel keeps no history; so the kernel shows as
 * "Unknown" until a cell runs.
 */
final class KernelReplies {

    private KernelReplies() {
    }

    /**
     * {@code kernel_info_reply} with {@code status}, as every reply has, and {@code debugger}:
     * without it JupyterLab looks for a debugger session on every execution.
     */
    static final class Info extends KernelInfoReply {
        @SuppressWarnings("unused") // read by the message serialiser
        private final String status = "ok";
        @SuppressWarnings("unused") // read by the message serialiser
        private final boolean debugger = false;

        Info(String implementation, String version, LanguageInfo language, String banner, List<LanguageInfo.Help> helpLinks) {
            super("5.3", implementation, version, language, banner, helpLinks);
        }
    }

    /** {@code history_reply} of a kernel that keeps no history. */
    static final class NoHistory extends HistoryReply {
        @SuppressWarnings("unused") // read by the message serialiser
        private final String status = "ok";

        NoHistory() {
            super(List.of());
        }
    }
}
