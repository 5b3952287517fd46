package io.llmpolicy.engine.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request attributes by slot. Slots are assigned once per engine and never reused, so a request bound for one
 * policy version stays valid for the next after a reload (new attributes get new slots at the end).
 * Thread-safe.
 */
public final class AttributeSlots {
    private final Map<String, Integer> slots = new ConcurrentHashMap<>();
    private final List<String> names = new ArrayList<>();

    public synchronized int slot(String name) {
        Integer s = slots.get(name);
        if (s != null) return s;
        int next = names.size();
        names.add(name);
        slots.put(name, next);
        return next;
    }

    /** The slot of an attribute, or -1 when no policy declared it. */
    public int find(String name) {
        Integer s = slots.get(name);
        return s == null ? -1 : s;
    }

    public synchronized int size() {
        return names.size();
    }
}
