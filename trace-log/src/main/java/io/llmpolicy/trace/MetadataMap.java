package io.llmpolicy.trace;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A record's metadata: a read-only map over two arrays, in insertion order, with index access for the codec.
 * Lookups scan the keys (a record holds a handful of traced attributes, where a scan beats hashing). Immutable:
 * the arrays are never changed after construction — the {@link TraceRecord.Builder} that hands its arrays to a
 * map copies them before its next change.
 */
final class MetadataMap extends AbstractMap<String, MetaValue> {

    static final MetadataMap EMPTY = new MetadataMap(new String[0], new MetaValue[0], 0);

    private final String[] keys;
    private final MetaValue[] values;
    private final int size;
    private Set<Map.Entry<String, MetaValue>> entries;

    /** Over the first {@code size} elements of the arrays, which the caller hands over (they must not change). */
    MetadataMap(String[] keys, MetaValue[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    /** A copy of any map, in its iteration order. */
    static MetadataMap copyOf(Map<String, MetaValue> map) {
        if (map instanceof MetadataMap m) {
            return m;
        }
        int n = map.size();
        if (n == 0) {
            return EMPTY;
        }
        String[] keys = new String[n];
        MetaValue[] values = new MetaValue[n];
        int i = 0;
        for (Map.Entry<String, MetaValue> e : map.entrySet()) {
            keys[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return new MetadataMap(keys, values, i);
    }

    String key(int i) {
        return keys[i];
    }

    MetaValue value(int i) {
        return values[i];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public MetaValue get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Set<Map.Entry<String, MetaValue>> entrySet() {
        Set<Map.Entry<String, MetaValue>> e = entries;
        if (e == null) {
            e = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, MetaValue>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<String, MetaValue> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
            entries = e;
        }
        return e;
    }
}
