package io.losslab.plot;

import java.util.List;

/**
 * One frame of an animated figure: a name the slider and the play button refer to, and the
 * traces that replace the figure's first traces when the frame is shown.
 *
 * <pre>{@code
 * Frame f = Frame.of("t=10", List.of(Trace.markers(x10, y10)));
 * }</pre>
 *
 * @param name the frame's name, unique within a figure
 * @param data the traces of the frame, in the order of the figure's traces
 */
public record Frame(String name, List<Trace> data) {

    /** Checks the name and copies the traces. */
    public Frame {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must name the frame, but is " + (name == null ? "null" : "blank"));
        }
        data = List.copyOf(data);
    }

    /** The same as the constructor, for symmetry with the other factories. */
    public static Frame of(String name, List<Trace> data) {
        return new Frame(name, data);
    }
}
