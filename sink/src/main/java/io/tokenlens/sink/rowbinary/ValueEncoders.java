package io.tokenlens.sink.rowbinary;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;

/**
 * The {@link ValueEncoder} of a ClickHouse column type, as {@code system.columns} spells it, for
 * the values Avro records hold: {@code CharSequence}/{@code Utf8}, numbers, booleans, {@code
 * Instant}, enums, lists, maps and nested records (named tuples). Types the sink's tables do not
 * use are refused when the encoder is built, so an unsupported column stops the sink at start-up
 * with its name and type rather than at the first row.
 */
public final class ValueEncoders {

  private ValueEncoders() {}

  /** The encoder of {@code type}, e.g. {@code Nullable(String)} or {@code DateTime64(3, 'UTC')}. */
  public static ValueEncoder forType(String type) {
    TypeName t = TypeName.parse(type.trim());
    return switch (t.name) {
      case "Nullable" -> new NullableEncoder(forType(t.arg(0)));
      case "LowCardinality" -> forType(t.arg(0));
      case "String" -> STRING;
      case "Int8", "UInt8" -> t.name.equals("UInt8") ? integer(1, true) : integer(1, false);
      case "Int16", "UInt16" -> integer(2, t.name.startsWith("U"));
      case "Int32", "UInt32" -> integer(4, t.name.startsWith("U"));
      case "Int64", "UInt64" -> integer(8, t.name.startsWith("U"));
      case "Bool" -> BOOL;
      case "Float64" -> FLOAT64;
      case "Float32" -> FLOAT32;
      case "DateTime64" -> dateTime64(Integer.parseInt(t.arg(0).trim()));
      case "DateTime" -> DATE_TIME;
      case "Date" -> DATE;
      case "Array" -> new ArrayEncoder(forType(t.arg(0)));
      case "Map" -> new MapEncoder(forType(t.arg(0)), forType(t.arg(1)));
      case "Tuple" -> TupleEncoder.of(t.args);
      default ->
          throw new IllegalArgumentException(
              "ClickHouse type " + type + " is not supported by the sink's " + "RowBinary encoder");
    };
  }

  /**
   * A type name and its top-level arguments: {@code Map(String, Float64)} is {@code Map}, [String,
   * Float64].
   */
  record TypeName(String name, List<String> args) {

    String arg(int i) {
      if (i >= args.size()) {
        throw new IllegalArgumentException(name + " needs " + (i + 1) + " type arguments");
      }
      return args.get(i);
    }

    static TypeName parse(String type) {
      int open = type.indexOf('(');
      if (open < 0) {
        return new TypeName(type, List.of());
      }
      if (!type.endsWith(")")) {
        throw new IllegalArgumentException("Unbalanced parentheses in type " + type);
      }
      return new TypeName(
          type.substring(0, open).trim(),
          splitTopLevel(type.substring(open + 1, type.length() - 1)));
    }

    static List<String> splitTopLevel(String s) {
      List<String> out = new ArrayList<>();
      int depth = 0;
      boolean quoted = false;
      int start = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\'' && (i == 0 || s.charAt(i - 1) != '\\')) {
          quoted = !quoted;
        } else if (!quoted && c == '(') {
          depth++;
        } else if (!quoted && c == ')') {
          depth--;
        } else if (!quoted && depth == 0 && c == ',') {
          out.add(s.substring(start, i).trim());
          start = i + 1;
        }
      }
      out.add(s.substring(start).trim());
      return out;
    }
  }

  private static final ValueEncoder STRING =
      new ValueEncoder() {
        @Override
        public void write(Object value, RowBinaryOutput out) {
          if (value instanceof Utf8 u) {
            out.writeBytes(u.getBytes(), 0, u.getByteLength());
          } else if (value instanceof CharSequence s) {
            out.writeString(s.toString());
          } else if (value instanceof Enum<?> e) {
            out.writeString(e.name());
          } else if (value instanceof GenericEnumSymbol<?> e) {
            out.writeString(e.toString());
          } else if (value instanceof ByteBuffer b) {
            ByteBuffer copy = b.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            out.writeString(Base64.getEncoder().encodeToString(bytes));
          } else if (value instanceof Number || value instanceof Boolean) {
            out.writeString(value.toString());
          } else {
            throw unsupported("String", value);
          }
        }

        @Override
        public void writeUtf8(byte[] bytes, int offset, int length, RowBinaryOutput out) {
          if (ascii(bytes, offset, length)) {
            out.writeBytes(bytes, offset, length);
          } else { // decoded and encoded again, as a String would be: malformed sequences become
            // U+FFFD
            out.writeString(
                new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
          }
        }

        @Override
        public void writeSymbol(Object symbol, byte[] name, RowBinaryOutput out) {
          out.writeBytes(name, 0, name.length);
        }

        @Override
        public void writeDefault(RowBinaryOutput out) {
          out.writeVarUInt(0);
        }
      };

  private static boolean ascii(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static ValueEncoder integer(int bytes, boolean unsigned) {
    return new ValueEncoder() {
      @Override
      public void write(Object value, RowBinaryOutput out) {
        long v;
        if (value instanceof Long l) {
          v = l;
        } else if (value instanceof Integer i) {
          v = i;
        } else if (value instanceof Boolean b) {
          v = b ? 1 : 0;
        } else if (value instanceof Number n) {
          v = n.longValue();
        } else if (value instanceof Instant i) {
          v = i.toEpochMilli();
        } else {
          throw unsupported((unsigned ? "UInt" : "Int") + bytes * 8, value);
        }
        writeLong(v, out);
      }

      @Override
      public void writeLong(long v, RowBinaryOutput out) {
        if (unsigned && v < 0) {
          throw new IllegalArgumentException("negative value " + v + " for an unsigned column");
        }
        writeFixed(out, v);
      }

      @Override
      public void writeInt(int v, RowBinaryOutput out) {
        writeLong(v, out);
      }

      @Override
      public void writeTimestampMillis(long epochMillis, RowBinaryOutput out) {
        writeLong(epochMillis, out);
      }

      @Override
      public void writeBoolean(boolean v, RowBinaryOutput out) {
        writeFixed(out, v ? 1 : 0);
      }

      private void writeFixed(RowBinaryOutput out, long v) {
        switch (bytes) {
          case 1 -> out.writeByte((int) v);
          case 2 -> out.writeShort((int) v);
          case 4 -> out.writeInt((int) v);
          default -> out.writeLong(v);
        }
      }

      @Override
      public void writeDefault(RowBinaryOutput out) {
        writeFixed(out, 0);
      }
    };
  }

  private static final ValueEncoder BOOL =
      new ValueEncoder() {
        @Override
        public void write(Object value, RowBinaryOutput out) {
          if (value instanceof Boolean b) {
            out.writeByte(b ? 1 : 0);
          } else if (value instanceof Number n) {
            out.writeByte(n.longValue() != 0 ? 1 : 0);
          } else {
            throw unsupported("Bool", value);
          }
        }

        @Override
        public void writeBoolean(boolean v, RowBinaryOutput out) {
          out.writeByte(v ? 1 : 0);
        }

        @Override
        public void writeLong(long v, RowBinaryOutput out) {
          out.writeByte(v != 0 ? 1 : 0);
        }

        @Override
        public void writeInt(int v, RowBinaryOutput out) {
          writeLong(v, out);
        }

        @Override
        public void writeDefault(RowBinaryOutput out) {
          out.writeByte(0);
        }
      };

  private static final ValueEncoder FLOAT64 =
      new ValueEncoder() {
        @Override
        public void write(Object value, RowBinaryOutput out) {
          if (!(value instanceof Number n)) {
            throw unsupported("Float64", value);
          }
          out.writeDouble(n.doubleValue());
        }

        @Override
        public void writeDouble(double v, RowBinaryOutput out) {
          out.writeDouble(v);
        }

        @Override
        public void writeDefault(RowBinaryOutput out) {
          out.writeDouble(0);
        }
      };

  private static final ValueEncoder FLOAT32 =
      new ValueEncoder() {
        @Override
        public void write(Object value, RowBinaryOutput out) {
          if (!(value instanceof Number n)) {
            throw unsupported("Float32", value);
          }
          out.writeFloat(n.floatValue());
        }

        @Override
        public void writeDouble(double v, RowBinaryOutput out) {
          out.writeFloat((float) v);
        }

        @Override
        public void writeDefault(RowBinaryOutput out) {
          out.writeFloat(0);
        }
      };

  /**
   * DateTime64(p): ticks of 10^-p seconds since the epoch, from an {@code Instant} or epoch
   * milliseconds.
   */
  private static ValueEncoder dateTime64(int precision) {
    if (precision < 0 || precision > 9) {
      throw new IllegalArgumentException("DateTime64 precision " + precision + " out of range");
    }
    long perSecond = (long) Math.pow(10, precision);
    return new ValueEncoder() {
      @Override
      public void write(Object value, RowBinaryOutput out) {
        if (value instanceof Instant i) {
          out.writeLong(ticks(i.getEpochSecond(), i.getNano()));
        } else if (value instanceof Long || value instanceof Integer) {
          writeLong(((Number) value).longValue(), out);
        } else {
          throw unsupported("DateTime64", value);
        }
      }

      private long ticks(long epochSecond, int nano) {
        return Math.addExact(
            Math.multiplyExact(epochSecond, perSecond), nano / (1_000_000_000L / perSecond));
      }

      @Override
      public void writeTimestampMillis(long epochMillis, RowBinaryOutput out) {
        out.writeLong(
            ticks(
                Math.floorDiv(epochMillis, 1000),
                (int) Math.floorMod(epochMillis, 1000) * 1_000_000));
      }

      @Override
      public void writeLong(long ms, RowBinaryOutput out) {
        out.writeLong(
            precision >= 3 ? Math.multiplyExact(ms, perSecond / 1000) : ms / (1000 / perSecond));
      }

      @Override
      public void writeInt(int ms, RowBinaryOutput out) {
        writeLong(ms, out);
      }

      @Override
      public void writeDefault(RowBinaryOutput out) {
        out.writeLong(0);
      }
    };
  }

  private static final ValueEncoder DATE_TIME =
      new ValueEncoder() {
        @Override
        public void write(Object value, RowBinaryOutput out) {
          long seconds =
              value instanceof Instant i
                  ? i.getEpochSecond()
                  : value instanceof Number n ? n.longValue() / 1000 : -1;
          if (seconds < 0 || seconds > 0xFFFFFFFFL) {
            throw unsupported("DateTime", value);
          }
          out.writeInt((int) seconds);
        }

        @Override
        public void writeDefault(RowBinaryOutput out) {
          out.writeInt(0);
        }
      };

  private static final ValueEncoder DATE =
      new ValueEncoder() {
        @Override
        public void write(Object value, RowBinaryOutput out) {
          long days =
              value instanceof Instant i
                  ? Math.floorDiv(i.getEpochSecond(), 86_400)
                  : value instanceof java.time.LocalDate d
                      ? d.toEpochDay()
                      : value instanceof Integer n ? n : -1;
          if (days < 0 || days > 0xFFFF) {
            throw unsupported("Date", value);
          }
          out.writeShort((int) days);
        }

        @Override
        public void writeDefault(RowBinaryOutput out) {
          out.writeShort(0);
        }
      };

  private record NullableEncoder(ValueEncoder inner) implements ValueEncoder {
    @Override
    public void write(Object value, RowBinaryOutput out) {
      if (value == null || value instanceof Double d && (d.isNaN() || d.isInfinite())) {
        out.writeByte(1);
      } else {
        out.writeByte(0);
        inner.write(value, out);
      }
    }

    @Override
    public void writeDefault(RowBinaryOutput out) {
      out.writeByte(1);
    }

    @Override
    public boolean nullable() {
      return true;
    }

    @Override
    public ValueEncoder notNull() {
      return inner;
    }
  }

  /**
   * Writes {@code value}, or the type's default when the value is null and the type takes no NULL.
   */
  static void writeOrDefault(ValueEncoder encoder, Object value, RowBinaryOutput out) {
    if (RowEncoder.absent(value) && !encoder.nullable()) {
      encoder.writeDefault(out);
    } else {
      encoder.write(value, out);
    }
  }

  private record ArrayEncoder(ValueEncoder element) implements ValueEncoder {
    @Override
    public void write(Object value, RowBinaryOutput out) {
      if (!(value instanceof List<?> list)) {
        throw unsupported("Array", value);
      }
      out.writeVarUInt(list.size());
      for (Object item : list) {
        writeOrDefault(element, item, out);
      }
    }

    @Override
    public void writeDefault(RowBinaryOutput out) {
      out.writeVarUInt(0);
    }

    @Override
    public ValueEncoder arrayElement() {
      return element;
    }
  }

  private record MapEncoder(ValueEncoder key, ValueEncoder value) implements ValueEncoder {
    @Override
    public void write(Object v, RowBinaryOutput out) {
      if (!(v instanceof Map<?, ?> map)) {
        throw unsupported("Map", v);
      }
      out.writeVarUInt(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        writeOrDefault(key, e.getKey(), out);
        writeOrDefault(value, e.getValue(), out);
      }
    }

    @Override
    public void writeDefault(RowBinaryOutput out) {
      out.writeVarUInt(0);
    }
  }

  /**
   * A named tuple, filled from a nested record by element name ({@code commit_sha} from {@code
   * commitSha}).
   */
  private record TupleEncoder(List<String> names, List<ValueEncoder> elements)
      implements ValueEncoder {

    static TupleEncoder of(List<String> args) {
      List<String> names = new ArrayList<>();
      List<ValueEncoder> elements = new ArrayList<>();
      for (String arg : args) {
        int space = arg.indexOf(' ');
        if (space < 0 || arg.substring(0, space).contains("(")) {
          throw new IllegalArgumentException(
              "Only named tuples are supported, not Tuple(" + String.join(", ", args) + ")");
        }
        names.add(arg.substring(0, space).replace("`", ""));
        elements.add(forType(arg.substring(space + 1)));
      }
      return new TupleEncoder(List.copyOf(names), List.copyOf(elements));
    }

    @Override
    public void write(Object value, RowBinaryOutput out) {
      if (!(value instanceof IndexedRecord record)) {
        throw unsupported("Tuple", value);
      }
      Schema schema = record.getSchema();
      for (int i = 0; i < names.size(); i++) {
        Schema.Field field = fieldOf(schema, names.get(i));
        writeOrDefault(elements.get(i), field == null ? null : record.get(field.pos()), out);
      }
    }

    private static Schema.Field fieldOf(Schema schema, String column) {
      for (Schema.Field f : schema.getFields()) {
        if (ColumnNames.column(f.name()).equals(column)) {
          return f;
        }
      }
      return null;
    }

    @Override
    public void writeDefault(RowBinaryOutput out) {
      for (ValueEncoder e : elements) {
        e.writeDefault(out);
      }
    }
  }

  private static IllegalArgumentException unsupported(String type, Object value) {
    return new IllegalArgumentException(
        "a "
            + value.getClass().getSimpleName()
            + " cannot be written as "
            + type.toUpperCase(Locale.ROOT).charAt(0)
            + type.substring(1)
            + ": "
            + abbreviate(String.valueOf(value)));
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
