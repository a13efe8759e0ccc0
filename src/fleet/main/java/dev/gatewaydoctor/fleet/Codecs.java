package dev.gatewaydoctor.fleet;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The state stores' values in a compact binary form: a counts bucket is rewritten on every line (through the store's
 * cache and into its changelog), so it stays a few dozen bytes, not a JSON text. Each form starts with a version byte,
 * so that a later form can read what a running fleet wrote.
 */
final class Codecs {

    private static final byte V1 = 1;

    private Codecs() {
    }

    interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader) {
        Serializer<T> ser = (topic, value) -> {
            if (value == null) return null;
            var bytes = new ByteArrayOutputStream(64);
            try (var out = new DataOutputStream(bytes)) {
                out.writeByte(V1);
                writer.write(out, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
        Deserializer<T> de = (topic, data) -> {
            if (data == null) return null;
            try (var in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte v = in.readByte();
                if (v != V1) throw new IllegalStateException("a state value of form " + v + ", written by a later version");
                return reader.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Serdes.serdeFrom(ser, de);
    }

    static final Serde<Counts> COUNTS = serde((out, c) -> {
        out.writeLong(c.lines());
        out.writeLong(c.signalLines());
        out.writeLong(c.requests());
        out.writeLong(c.gateway());
        out.writeLong(c.upstream());
    }, in -> new Counts(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong()));

    static final Serde<Kinds> KINDS = serde((out, k) -> {
        out.writeLong(k.dropped());
        out.writeInt(k.kinds().size());
        for (var e : k.kinds().entrySet()) {
            var kind = e.getValue();
            text(out, e.getKey());
            text(out, kind.source());
            text(out, kind.line());
            text(out, kind.family());
            out.writeInt(kind.status());
            out.writeLong(kind.first());
            out.writeLong(kind.last());
            out.writeLong(kind.count());
            out.writeByte(kind.examples().size());
            for (String x : kind.examples()) text(out, x);
        }
    }, in -> {
        long dropped = in.readLong();
        int n = in.readInt();
        var kinds = new LinkedHashMap<String, Kinds.Kind>();
        for (int i = 0; i < n; i++) {
            String key = text(in);
            String source = text(in);
            String line = text(in);
            String family = text(in);
            int status = in.readInt();
            long first = in.readLong();
            long last = in.readLong();
            long count = in.readLong();
            int ex = in.readByte();
            var examples = new ArrayList<String>(ex);
            for (int j = 0; j < ex; j++) examples.add(text(in));
            kinds.put(key, new Kinds.Kind(source, line, family, status, first, last, count, examples));
        }
        return new Kinds(kinds, dropped);
    });

    static final Serde<List<Input.Event>> EVENTS = serde((out, list) -> {
        out.writeInt(list.size());
        for (var e : list) {
            text(out, e.site());
            text(out, e.kind());
            out.writeBoolean(e.subject() != null);
            if (e.subject() != null) text(out, e.subject());
            out.writeLong(e.at().toEpochMilli());
        }
    }, in -> {
        int n = in.readInt();
        var list = new ArrayList<Input.Event>(n);
        for (int i = 0; i < n; i++) {
            String site = text(in);
            String kind = text(in);
            String subject = in.readBoolean() ? text(in) : null;
            list.add(new Input.Event(site, kind, subject, Instant.ofEpochMilli(in.readLong())));
        }
        return List.copyOf(list);
    });

    static final Serde<OpenIncident> INCIDENT = serde((out, i) -> {
        text(out, i.id());
        out.writeLong(i.openedAt());
        out.writeLong(i.lastDiagnosed());
        out.writeInt(i.sequence());
        out.writeDouble(i.baseline());
    }, in -> new OpenIncident(text(in), in.readLong(), in.readLong(), in.readInt(), in.readDouble()));

    /** Length-prefixed UTF-8: writeUTF stops at 64 KB, and a log line may be longer in UTF-8. */
    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
