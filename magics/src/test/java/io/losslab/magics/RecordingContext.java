package io.losslab.magics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link MagicContext} that keeps what magics show and bind, for tests to read. */
final class RecordingContext implements MagicContext {

    final List<Object> displayed = new ArrayList<>();
    final Map<String, Object> bound = new LinkedHashMap<>();

    /**
     * Binds the bundled digits as {@code digitsAll} and a seeded 70/30 split of them as
     * {@code digitsSplit}, then forgets what that displayed: the set-up of the training tests.
     */
    void loadDigitsSplit(MagicRegistry magics) throws Exception {
        magics.run("dataset", List.of("load", "digits", "as", "digitsAll"), null, this);
        magics.run("dataset", Arrays.asList("split digitsAll test=0.3 seed=0 as digitsSplit".split(" ")), null, this);
        displayed.clear();
    }

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
