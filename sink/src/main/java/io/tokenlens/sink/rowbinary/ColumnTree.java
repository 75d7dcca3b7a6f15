package io.tokenlens.sink.rowbinary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Which fields of a reader record (and of the records flattened into it) fill which row slots: the
 * flattened column paths of a {@link RowEncoder} as a tree, so a writer record can be read field by
 * field.
 */
final class ColumnTree {

  /** A slot under this node and the field positions that lead to it from the top-level record. */
  record Leaf(int slot, int[] path) {}

  private final Schema record;
  private final int depth;
  private final RowEncoder columns;
  private final Map<Integer, Integer> slots = new HashMap<>();
  private final Map<Integer, ColumnTree> nested = new HashMap<>();
  private final List<Leaf> leaves = new ArrayList<>();

  private ColumnTree(Schema record, int depth, RowEncoder columns) {
    this.record = record;
    this.depth = depth;
    this.columns = columns;
  }

  /** The tree of the record columns of {@code columns}, read from records of {@code reader}. */
  static ColumnTree of(Schema reader, RowEncoder columns) {
    ColumnTree root = new ColumnTree(reader, 0, columns);
    for (int i = 0; i < columns.width(); i++) {
      if (columns.encoder(i) != null && columns.extra(i) < 0 && columns.path(i) != null) {
        root.add(i, columns.path(i));
      }
    }
    return root;
  }

  private void add(int slot, int[] path) {
    leaves.add(new Leaf(slot, path));
    int pos = path[depth];
    if (depth == path.length - 1) {
      slots.put(pos, slot);
    } else {
      Schema child = ColumnNames.recordOf(record.getFields().get(pos).schema());
      nested.computeIfAbsent(pos, p -> new ColumnTree(child, depth + 1, columns)).add(slot, path);
    }
  }

  /** The reader record schema of this node. */
  Schema record() {
    return record;
  }

  /** How deep this node's record is: its field positions are at this index of a path. */
  int depth() {
    return depth;
  }

  /** The slot filled by field {@code pos}, or null when it is not a leaf column. */
  Integer slot(int pos) {
    return slots.get(pos);
  }

  /** The encoder of the column {@code slot} stands for. */
  ValueEncoder encoder(int slot) {
    return columns.encoder(slot);
  }

  /** The node of the record in field {@code pos}, or null when none of its fields is a column. */
  ColumnTree nested(int pos) {
    return nested.get(pos);
  }

  /** Whether field {@code pos} fills any slot. */
  boolean fills(int pos) {
    return slots.containsKey(pos) || nested.containsKey(pos);
  }

  /** Every slot under this node. */
  List<Leaf> leaves() {
    return leaves;
  }

  /** The slots under field {@code pos}. */
  List<Leaf> leavesOf(int pos) {
    return leaves.stream().filter(l -> l.path()[depth] == pos).toList();
  }
}
