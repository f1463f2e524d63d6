package org.stanzalab.suites.xep0384.omemo;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The small part of the protobuf wire format the OMEMO messages use (XEP-0384 § Protobuf Schema): varint fields
 * (wire type 0) and length-delimited fields (wire type 2). Written by hand so the suites need no protobuf library.
 */
final class Protobuf {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private Protobuf() {
    }

    /** Writes fields in the order they are added (protobuf encoders write them by field number). */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer uint32(int field, long value) {
            varint(((long) field << 3) | VARINT);
            varint(value & 0xFFFFFFFFL);
            return this;
        }

        Writer bytes(int field, byte[] value) {
            varint(((long) field << 3) | LENGTH_DELIMITED);
            varint(value.length);
            out.writeBytes(value);
            return this;
        }

        private void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** The fields of one message by number (the last occurrence wins, as protobuf says for scalars). */
    static final class Fields {
        private final Map<Integer, Long> varints = new HashMap<>();
        private final Map<Integer, byte[]> delimited = new HashMap<>();

        static Fields parse(byte[] data) {
            Fields fields = new Fields();
            int[] at = {0};
            while (at[0] < data.length) {
                long key = readVarint(data, at);
                int field = (int) (key >>> 3);
                int type = (int) (key & 7);
                if (field <= 0) {
                    throw new IllegalArgumentException("protobuf: field number " + field);
                }
                if (type == VARINT) {
                    fields.varints.put(field, readVarint(data, at));
                } else if (type == LENGTH_DELIMITED) {
                    long length = readVarint(data, at);
                    if (length < 0 || length > data.length - at[0]) {
                        throw new IllegalArgumentException("protobuf: field " + field + " runs past the end");
                    }
                    byte[] value = new byte[(int) length];
                    System.arraycopy(data, at[0], value, 0, value.length);
                    at[0] += value.length;
                    fields.delimited.put(field, value);
                } else {
                    throw new IllegalArgumentException("protobuf: wire type " + type + " is not used by OMEMO");
                }
            }
            return fields;
        }

        private static long readVarint(byte[] data, int[] at) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at[0] >= data.length) {
                    throw new IllegalArgumentException("protobuf: a varint runs past the end");
                }
                int b = data[at[0]++] & 0xFF;
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("protobuf: a varint longer than 10 bytes");
        }

        /** A required uint32 field. */
        int uint32(int field) {
            Long value = varints.get(field);
            if (value == null) {
                throw new IllegalArgumentException("protobuf: required field " + field + " is missing");
            }
            return (int) (value & 0xFFFFFFFFL);
        }

        /** A required bytes field. */
        byte[] bytes(int field) {
            byte[] value = delimited.get(field);
            if (value == null) {
                throw new IllegalArgumentException("protobuf: required field " + field + " is missing");
            }
            return value;
        }

        /** An optional bytes field, or null. */
        byte[] optionalBytes(int field) {
            return delimited.get(field);
        }
    }
}
