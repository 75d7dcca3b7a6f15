package io.tokenlens.sink.rowbinary;

import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Encodes Avro binary records written with one writer schema straight into the rows of one table,
 * with no record object in between: a {@link RecordProgram} compiled for the (writer schema, table)
 * pair reads the fields in the order they are written into one slot per column, skipping the fields
 * the table does not have, and the row is then written in table order from the slots. The bytes are
 * those {@link RowEncoder#encode} writes for the record a {@code SpecificDatumReader} of the writer
 * and reader schemas makes (the reference the tests hold it to). When the writer schema cannot be
 * read field by field (a reader field without a default the writer lacks, another record name),
 * records are read that reference way, which fails as Avro does. Thread-safe.
 */
public final class AvroRowEncoder {

  private final RowEncoder columns;
  private final RecordProgram program;
  private final SpecificDatumReader<IndexedRecord> whole;
  private final ThreadLocal<State> states;

  /** What one thread decodes with. */
  private static final class State {
    final AvroBinaryInput in = new AvroBinaryInput();
    final RowSlots slots;

    State(int width) {
      slots = new RowSlots(width);
    }
  }

  private AvroRowEncoder(
      RowEncoder columns, RecordProgram program, SpecificDatumReader<IndexedRecord> whole) {
    this.columns = columns;
    this.program = program;
    this.whole = whole;
    this.states = ThreadLocal.withInitial(() -> new State(columns.width()));
  }

  /**
   * The encoder of records written with {@code writer} into the rows {@code columns} makes of
   * records of {@code reader} (the generated class's schema).
   */
  public static AvroRowEncoder of(Schema writer, Schema reader, RowEncoder columns) {
    SpecificData data = SpecificData.getForSchema(reader);
    try {
      return new AvroRowEncoder(
          columns, RecordProgram.compile(writer, ColumnTree.of(reader, columns), data), null);
    } catch (RecordProgram.NotCompilable e) {
      return new AvroRowEncoder(columns, null, new SpecificDatumReader<>(writer, reader, data));
    }
  }

  /** Whether records are read field by field (false: through a record object). */
  public boolean direct() {
    return program != null;
  }

  /**
   * One row from the Avro binary record in {@code length} bytes of {@code data} from {@code
   * offset}.
   *
   * @param extraValues the values of the encoder's extra columns, in the order they were named
   * @throws MalformedAvroException when the bytes do not decode with the writer schema
   * @throws IllegalArgumentException when a value does not fit its column (the message names the
   *     column)
   */
  public byte[] encode(byte[] data, int offset, int length, Object... extraValues) {
    if (program == null) {
      return columns.encode(readWhole(data, offset, length), extraValues);
    }
    State state = states.get();
    state.in.reset(data, offset, length);
    state.slots.source(data);
    program.run(state.in, state.slots);
    RowBinaryOutput out = columns.buffer();
    for (int i = 0; i < columns.width(); i++) {
      ValueEncoder encoder = columns.encoder(i);
      if (encoder == null) {
        out.writeByte(1);
        continue;
      }
      try {
        int extra = columns.extra(i);
        if (extra >= 0) {
          RowEncoder.writeValue(encoder, extraValues[extra], out);
        } else {
          state.slots.write(i, encoder, out);
        }
      } catch (RuntimeException e) {
        throw columns.columnFailure(i, e);
      }
    }
    state.slots.source(null);
    return out.toByteArray();
  }

  private IndexedRecord readWhole(byte[] data, int offset, int length) {
    try {
      return whole.read(null, DecoderFactory.get().binaryDecoder(data, offset, length, null));
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new MalformedAvroException(e.getMessage());
    }
  }
}
