package io.losslab.magics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link MagicContext} that keeps what magics show and bind, for tests to read. */
final class RecordingContext implements MagicContext {

    final List<Object> displayed = new ArrayList<>();
    final Map<String, Object> bound = new LinkedHashMap<>();

    @Override
    public String display(Object value) {
        displayed.add(value);
        return Integer.toString(displayed.size() - 1);
    }

    @Override
    public void updateDisplay(String displayId, Object value) {
        displayed.set(Integer.parseInt(displayId), value);
    }

    @Override
    public void bind(String name, Object value) {
        Workspace.put(name, value);
        bound.put(name, value);
    }
}
