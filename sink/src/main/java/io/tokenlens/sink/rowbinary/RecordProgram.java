package io.tokenlens.sink.rowbinary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * The compiled reading of one writer record schema into the slots of one table's row: the writer's
 * fields in the order they are written, each skipped (no column wants it), read as a scalar
 * straight into its slot ({@link LeafReader}), read as a flattened nested record (recursively, a
 * null branch nulling its columns), or — for containers and what {@link LeafReader} does not cover
 * — read the reference way, by a {@code SpecificDatumReader} of the field's writer and reader
 * schemas, into the object the reference reader makes. Reader fields the writer does not have take
 * their default. This is Avro's schema resolution, field by field.
 */
final class RecordProgram {

  /**
   * The writer schema cannot be read field by field into the reader's (a reader field without a
   * default, ...).
   */
  static final class NotCompilable extends Exception {
    private static final long serialVersionUID = 1L;

    NotCompilable(String message) {
      super(message, null, false, false);
    }
  }

  @FunctionalInterface
  private interface Step {
    void run(AvroBinaryInput in, RowSlots slots);
  }

  private final Step[] steps;

  private RecordProgram(List<Step> steps) {
    this.steps = steps.toArray(Step[]::new);
  }

  /**
   * The program reading records written with {@code writer} into the slots of {@code columns}.
   *
   * @throws NotCompilable when Avro would not resolve the writer record to the reader record as a
   *     whole
   */
  static RecordProgram compile(Schema writer, ColumnTree columns, SpecificData data)
      throws NotCompilable {
    Schema reader = columns.record();
    if (writer.getType() != Schema.Type.RECORD
        || !writer.getFullName().equals(reader.getFullName())) {
      throw new NotCompilable(
          "writer " + writer.getFullName() + " is not the record " + reader.getFullName());
    }
    List<Step> steps = new ArrayList<>();
    Set<Integer> matched = new HashSet<>();
    for (Schema.Field wf : writer.getFields()) {
      Schema.Field rf = readerField(reader, wf.name());
      if (rf == null || !columns.fills(rf.pos())) {
        Schema skipped = wf.schema();
        steps.add((in, slots) -> in.skip(skipped));
        continue;
      }
      matched.add(rf.pos());
      steps.add(fieldStep(wf.schema(), rf, columns, data));
    }
    for (Schema.Field rf : reader.getFields()) {
      if (columns.fills(rf.pos()) && !matched.contains(rf.pos())) {
        if (!rf.hasDefaultValue()) {
          throw new NotCompilable(
              "field " + rf.name() + " of " + reader.getFullName() + " has no default");
        }
        steps.add(
            constant(data.getDefaultValue(rf), columns.leavesOf(rf.pos()), columns.depth() + 1));
      }
    }
    return new RecordProgram(steps);
  }

  /** Reads one record's fields into {@code slots}. */
  void run(AvroBinaryInput in, RowSlots slots) {
    for (Step step : steps) {
      step.run(in, slots);
    }
  }

  private static Schema.Field readerField(Schema reader, String writerName) {
    Schema.Field byName = reader.getField(writerName);
    if (byName != null) {
      return byName;
    }
    return reader.getFields().stream()
        .filter(f -> f.aliases().contains(writerName))
        .findFirst()
        .orElse(null);
  }

  private static Step fieldStep(
      Schema writer, Schema.Field rf, ColumnTree columns, SpecificData data) {
    Integer slot = columns.slot(rf.pos());
    if (slot != null) {
      LeafReader leaf = LeafReader.of(writer, rf.schema(), data, columns.encoder(slot));
      if (leaf != null) {
        int s = slot;
        return (in, slots) -> leaf.read(in, slots, s);
      }
    } else {
      Step nested = nestedStep(writer, rf.schema(), columns.nested(rf.pos()), data);
      if (nested != null) {
        return nested;
      }
    }
    return referenceStep(
        writer, rf.schema(), data, columns.leavesOf(rf.pos()), columns.depth() + 1);
  }

  /**
   * A flattened record field: the record, or a union of it and null; null when it is to be read the
   * reference way.
   */
  private static Step nestedStep(
      Schema writer, Schema reader, ColumnTree columns, SpecificData data) {
    Schema writerRecord = ColumnNames.recordOf(writer);
    boolean readerTakesNull =
        reader.getType() == Schema.Type.UNION
            && reader.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
    RecordProgram program;
    try {
      program = writerRecord == null ? null : compile(writerRecord, columns, data);
    } catch (NotCompilable e) {
      return null;
    }
    if (program == null) {
      return null;
    }
    if (writer.getType() == Schema.Type.RECORD) {
      return program::run;
    }
    List<Schema> branches = writer.getTypes();
    if (branches.size() != 2
        || !readerTakesNull
        || branches.stream().noneMatch(b -> b.getType() == Schema.Type.NULL)) {
      return null;
    }
    int nullIndex = branches.get(0).getType() == Schema.Type.NULL ? 0 : 1;
    int[] nulled = columns.leaves().stream().mapToInt(ColumnTree.Leaf::slot).toArray();
    return (in, slots) -> {
      long index = in.readLong();
      if (index == nullIndex) {
        for (int s : nulled) {
          slots.setNull(s);
        }
      } else if (index == 1 - nullIndex) {
        program.run(in, slots);
      } else {
        throw new MalformedAvroException("union index " + index + " out of range for " + writer);
      }
    };
  }

  /** Reads the field into the object the reference reader makes, and fills its slots from it. */
  private static Step referenceStep(
      Schema writer, Schema reader, SpecificData data, List<ColumnTree.Leaf> leaves, int start) {
    SpecificDatumReader<Object> datumReader = new SpecificDatumReader<>(writer, reader, data);
    return (in, slots) -> {
      int from = in.position();
      in.skip(writer);
      BinaryDecoder decoder =
          DecoderFactory.get().binaryDecoder(in.buffer(), from, in.position() - from, null);
      Object value;
      try {
        value = datumReader.read(null, decoder);
      } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
        throw new MalformedAvroException(e.getMessage());
      }
      fill(slots, value, leaves, start);
    };
  }

  private static Step constant(Object value, List<ColumnTree.Leaf> leaves, int start) {
    return (in, slots) -> fill(slots, value, leaves, start);
  }

  private static void fill(RowSlots slots, Object value, List<ColumnTree.Leaf> leaves, int start) {
    for (ColumnTree.Leaf leaf : leaves) {
      slots.setObject(leaf.slot(), RowEncoder.read(value, leaf.path(), start));
    }
  }
}
