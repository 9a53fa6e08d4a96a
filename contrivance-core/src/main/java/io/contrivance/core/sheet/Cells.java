package io.contrivance.core.sheet;

import io.contrivance.core.type.CellValue;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable map from column id to non-blank value, stored as two parallel arrays. A sheet of a
 * million rows holds a million of these, so the layout matters: two references a cell, no entry
 * objects, no hash table. Rows have tens of cells, where a linear scan that compares references
 * first (column ids are shared with the schema) beats hashing.
 */
final class Cells extends AbstractMap<ColumnId, CellValue> {

  static final Cells EMPTY = new Cells(new ColumnId[0], new CellValue[0]);

  private final ColumnId[] keys;
  private final CellValue[] values;

  private Cells(ColumnId[] keys, CellValue[] values) {
    this.keys = keys;
    this.values = values;
  }

  static Cells copyOf(Map<ColumnId, CellValue> cells) {
    if (cells instanceof Cells already) {
      return already;
    }
    int size = 0;
    for (Map.Entry<ColumnId, CellValue> e : cells.entrySet()) {
      Objects.requireNonNull(e.getKey(), "column id");
      Objects.requireNonNull(e.getValue(), "value of " + e.getKey());
      if (!e.getValue().isBlank()) {
        size++;
      }
    }
    if (size == 0) {
      return EMPTY;
    }
    ColumnId[] keys = new ColumnId[size];
    CellValue[] values = new CellValue[size];
    int i = 0;
    for (Map.Entry<ColumnId, CellValue> e : cells.entrySet()) {
      if (!e.getValue().isBlank()) {
        keys[i] = e.getKey();
        values[i] = e.getValue();
        i++;
      }
    }
    return new Cells(keys, values);
  }

  /** The value in the column, or blank. */
  CellValue cell(ColumnId column) {
    ColumnId[] k = keys;
    for (int i = 0; i < k.length; i++) {
      if (k[i] == column) {
        return values[i];
      }
    }
    for (int i = 0; i < k.length; i++) {
      if (k[i].equals(column)) {
        return values[i];
      }
    }
    return CellValue.BLANK;
  }

  /** A copy with one cell set (or removed, for blank). */
  Cells with(ColumnId column, CellValue value) {
    int at = indexOf(column);
    if (value.isBlank()) {
      if (at < 0) {
        return this;
      }
      ColumnId[] k = new ColumnId[keys.length - 1];
      CellValue[] v = new CellValue[values.length - 1];
      System.arraycopy(keys, 0, k, 0, at);
      System.arraycopy(keys, at + 1, k, at, keys.length - at - 1);
      System.arraycopy(values, 0, v, 0, at);
      System.arraycopy(values, at + 1, v, at, values.length - at - 1);
      return k.length == 0 ? EMPTY : new Cells(k, v);
    }
    if (at >= 0) {
      CellValue[] v = values.clone();
      v[at] = value;
      return new Cells(keys, v);
    }
    ColumnId[] k = Arrays.copyOf(keys, keys.length + 1);
    CellValue[] v = Arrays.copyOf(values, values.length + 1);
    k[keys.length] = column;
    v[values.length] = value;
    return new Cells(k, v);
  }

  private int indexOf(Object column) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(column)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public CellValue get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public Set<Entry<ColumnId, CellValue>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<ColumnId, CellValue>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          public Entry<ColumnId, CellValue> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }
}
