package io.losslab.magics;

/**
 * Output with a plain-text and an HTML form: the kernel shows the HTML in a notebook and the text
 * in a console or a plain export.
 *
 * @param text the plain-text form
 * @param html an HTML fragment with the same content
 */
public record RichText(String text, String html) {

    /** Output that is only text; its HTML form is the escaped text in a {@code <pre>}. */
    public static RichText of(String text) {
        return new RichText(text, "<pre>" + escape(text) + "</pre>");
    }

    /** {@code text} with the HTML special characters escaped. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public String toString() {
        return text;
    }
}
