package io.tokenlens.sink.rowbinary;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Reads one scalar Avro value written with a writer schema into a {@link RowSlots} slot as its
 * reader schema makes it, by Avro's resolution rules: nullable unions, the numeric promotions (int
 * to long, float and double; long to float and double; float to double), {@code timestamp-millis},
 * enum symbols by name (or the reader's default symbol), and arrays of those into {@code Array}
 * columns. {@link #of} answers null for what it does not cover (bytes, fixed, other logical types,
 * a symbol the reader cannot resolve, arrays of anything else, maps, whose order is that of the
 * reader's {@code HashMap}); such fields are read the reference way ({@link RecordProgram}).
 */
@FunctionalInterface
interface LeafReader {

  void read(AvroBinaryInput in, RowSlots slots, int slot);

  /**
   * The reader of values written as {@code writer} into {@code reader}, or null when it is not
   * covered; arrays of scalars are covered when {@code column} (null for an array's items) is an
   * {@code Array} column.
   */
  static LeafReader of(Schema writer, Schema reader, SpecificData data, ValueEncoder column) {
    if (writer.getType() == Schema.Type.UNION) {
      List<Schema> branches = writer.getTypes();
      LeafReader[] readers = new LeafReader[branches.size()];
      for (int i = 0; i < readers.length; i++) {
        readers[i] = ofBranch(branches.get(i), reader, data, column);
        if (readers[i] == null) {
          return null;
        }
      }
      return (in, slots, slot) -> {
        long index = in.readLong();
        if (index < 0 || index >= readers.length) {
          throw new MalformedAvroException("union index " + index + " out of range for " + writer);
        }
        readers[(int) index].read(in, slots, slot);
      };
    }
    return ofBranch(writer, reader, data, column);
  }

  private static LeafReader ofBranch(
      Schema writer, Schema reader, SpecificData data, ValueEncoder column) {
    if (reader.getType() != Schema.Type.UNION) {
      return ofTypes(writer, reader, data, column);
    }
    for (Schema branch :
        reader.getTypes()) { // the branch of the same type first, as Avro resolves unions
      if (branch.getType() == writer.getType()) {
        return ofTypes(writer, branch, data, column);
      }
    }
    for (Schema branch : reader.getTypes()) {
      LeafReader promoted = ofTypes(writer, branch, data, column);
      if (promoted != null) {
        return promoted;
      }
    }
    return null;
  }

  private static LeafReader ofTypes(
      Schema writer, Schema reader, SpecificData data, ValueEncoder column) {
    // the writer's logical type does not change its encoding; the reader's makes the object (an
    // Instant)
    if (reader.getLogicalType() != null
        && !(reader.getLogicalType() instanceof LogicalTypes.TimestampMillis)) {
      return null;
    }
    Schema.Type w = writer.getType();
    return switch (reader.getType()) {
      case NULL -> w == Schema.Type.NULL ? (in, slots, slot) -> slots.setNull(slot) : null;
      case BOOLEAN ->
          w == Schema.Type.BOOLEAN
              ? (in, slots, slot) -> slots.setLong(slot, RowSlots.BOOLEAN, in.readBoolean() ? 1 : 0)
              : null;
      case INT ->
          w == Schema.Type.INT
              ? (in, slots, slot) -> slots.setLong(slot, RowSlots.INT, in.readInt())
              : null;
      case LONG ->
          ofLong(w, reader.getLogicalType() != null ? RowSlots.TIMESTAMP_MILLIS : RowSlots.LONG);
      case FLOAT ->
          switch (w) {
            case INT, LONG ->
                (in, slots, slot) -> slots.setDouble(slot, RowSlots.FLOAT, (float) in.readLong());
            case FLOAT ->
                (in, slots, slot) -> slots.setDouble(slot, RowSlots.FLOAT, in.readFloat());
            default -> null;
          };
      case DOUBLE ->
          switch (w) {
            case INT, LONG ->
                (in, slots, slot) -> slots.setDouble(slot, RowSlots.DOUBLE, (double) in.readLong());
            case FLOAT ->
                (in, slots, slot) -> slots.setDouble(slot, RowSlots.DOUBLE, in.readFloat());
            case DOUBLE ->
                (in, slots, slot) -> slots.setDouble(slot, RowSlots.DOUBLE, in.readDouble());
            default -> null;
          };
      case STRING ->
          w == Schema.Type.STRING
              ? (in, slots, slot) -> {
                int length = in.readLength();
                slots.setUtf8(slot, in.position(), length);
                in.skipBytes(length);
              }
              : null;
      case ENUM ->
          w == Schema.Type.ENUM && writer.getFullName().equals(reader.getFullName())
              ? ofEnum(writer, reader, data)
              : null;
      case ARRAY ->
          w == Schema.Type.ARRAY && column != null && column.arrayElement() != null
              ? ofArray(writer.getElementType(), reader.getElementType(), data)
              : null;
      default -> null;
    };
  }

  /**
   * An array of scalars: its blocks are counted and skipped now, and its items read again as it is
   * written.
   */
  private static LeafReader ofArray(Schema writerItem, Schema readerItem, SpecificData data) {
    LeafReader items = of(writerItem, readerItem, data, null);
    if (items == null) {
      return null;
    }
    return (in, slots, slot) -> {
      int start = in.position();
      long total = 0;
      for (long count = in.readLong(); count != 0; count = in.readLong()) {
        if (count < 0) { // a block with its size in bytes
          total -= count;
          in.skipBytes(checkedSize(in.readLong()));
        } else {
          total += count;
          for (long i = 0; i < count; i++) {
            in.skip(writerItem);
          }
        }
      }
      if (total > Integer.MAX_VALUE) {
        throw new MalformedAvroException("an array of " + total + " items");
      }
      slots.setArray(slot, start, (int) total, items);
    };
  }

  private static int checkedSize(long bytes) {
    if (bytes < 0 || bytes > Integer.MAX_VALUE) {
      throw new MalformedAvroException("a block of " + bytes + " byte(s)");
    }
    return (int) bytes;
  }

  private static LeafReader ofLong(Schema.Type writer, byte kind) {
    return switch (writer) {
      case INT -> (in, slots, slot) -> slots.setLong(slot, kind, in.readInt());
      case LONG -> (in, slots, slot) -> slots.setLong(slot, kind, in.readLong());
      default -> null;
    };
  }

  private static LeafReader ofEnum(Schema writer, Schema reader, SpecificData data) {
    List<String> symbols = writer.getEnumSymbols();
    Object[] constants = new Object[symbols.size()];
    byte[][] names = new byte[symbols.size()][];
    for (int i = 0; i < constants.length; i++) {
      String symbol =
          reader.hasEnumSymbol(symbols.get(i)) ? symbols.get(i) : reader.getEnumDefault();
      if (symbol == null) {
        return null;
      }
      constants[i] = data.createEnum(symbol, reader);
      names[i] = symbol.getBytes(StandardCharsets.UTF_8);
    }
    return (in, slots, slot) -> {
      int index = in.readInt();
      if (index < 0 || index >= constants.length) {
        throw new MalformedAvroException(
            "enum index " + index + " out of range for " + writer.getFullName());
      }
      slots.setSymbol(slot, constants[index], names[index]);
    };
  }
}
