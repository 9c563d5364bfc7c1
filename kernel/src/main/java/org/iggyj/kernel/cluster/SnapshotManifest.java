package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.kernel.metadata.MemberKey;
import org.iggyj.spi.cluster.SnapshotFile;

/**
 * The kernel's index of a state snapshot, {@code iggy-snapshot.manifest} at the snapshot's root: a
 * UTF-8 text file, one record per line, fields separated by one space.
 * <pre>
 * iggyj-snapshot 1                       format and version (first line)
 * dir    &lt;path&gt;                         a partition directory to create (it may hold no file yet)
 * file   &lt;length&gt; &lt;path&gt;               a file and how many of its bytes belong to the snapshot
 * cursor &lt;stream&gt; &lt;topic&gt; &lt;value&gt;      a topic's balanced-partitioning cursor (in memory only, so
 *                                        the snapshot carries it: a restored node must pick the same
 *                                        partition for the next balanced send as the others)
 * end    &lt;offset&gt; &lt;path&gt;               a partition's published end, when it holds written messages
 *                                        back (message bytes out of the replication log): where a
 *                                        restart that keeps its grown files serves up to
 * member &lt;stream&gt; &lt;topic&gt; &lt;group&gt; &lt;id&gt; &lt;instance&gt; &lt;session&gt; &lt;node&gt;
 *                                        a consumer group member (replicated, in memory only), in
 *                                        join order per group; the node name is the rest of the line
 * cut    &lt;index&gt; &lt;end&gt; &lt;created&gt; &lt;marker-index&gt; &lt;path&gt;
 *                                        a partition's published end at a snapshot taken at log index
 *                                        {@code index} (this one or an earlier one still needed), with
 *                                        its incarnation marker: what a restored node seeds its
 *                                        retention floors from ({@link RetentionFloors})
 * </pre>
 * Paths are relative to the snapshot's root and to {@code system.path}, {@code /}-separated, and
 * never contain a space (they are made of ids and fixed names).
 *
 * @param dirs    partition directories
 * @param files   files with their snapshot lengths
 * @param cursors balanced cursors
 * @param ends    published ends of the partitions that hold messages back
 * @param members consumer group members
 * @param cuts    retention cuts, oldest first
 */
record SnapshotManifest(List<String> dirs, List<SnapshotFile> files, List<Cursor> cursors, List<End> ends,
                        List<Member> members, List<Cut> cuts) {

    /** A manifest without group members. */
    SnapshotManifest(List<String> dirs, List<SnapshotFile> files, List<Cursor> cursors, List<End> ends) {
        this(dirs, files, cursors, ends, List.of(), List.of());
    }

    static final String FILE_NAME = "iggy-snapshot.manifest";
    private static final String HEADER = "iggyj-snapshot 1";

    /**
     * @param stream a stream id
     * @param topic  a topic id
     * @param value  the cursor's value
     */
    record Cursor(long stream, long topic, long value) {
    }

    /**
     * @param dir    a partition directory
     * @param offset its published end
     */
    record End(String dir, long offset) {
    }

    /**
     * @param stream a stream id
     * @param topic  a topic id
     * @param group  a group id
     * @param id     the member's id in the group
     * @param key    the member's key
     */
    record Member(long stream, long topic, long group, long id, MemberKey key) {
    }

    /**
     * @param index       the log index of the snapshot the end was recorded at
     * @param dir         a partition directory
     * @param end         its published end then
     * @param incarnation its incarnation marker then
     */
    record Cut(long index, String dir, long end, KeptSegments.Incarnation incarnation) {
    }

    void write(Path root) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        dirs.forEach(d -> text.append("dir ").append(d).append('\n'));
        files.forEach(f -> text.append("file ").append(f.length()).append(' ').append(f.path()).append('\n'));
        cursors.forEach(c -> text.append("cursor ").append(c.stream()).append(' ').append(c.topic()).append(' ')
                .append(c.value()).append('\n'));
        ends.forEach(e -> text.append("end ").append(e.offset()).append(' ').append(e.dir()).append('\n'));
        members.forEach(m -> text.append("member ").append(m.stream()).append(' ').append(m.topic()).append(' ')
                .append(m.group()).append(' ').append(m.id()).append(' ').append(m.key().instance()).append(' ')
                .append(m.key().session()).append(' ').append(m.key().node()).append('\n'));
        cuts.forEach(c -> text.append("cut ").append(c.index()).append(' ').append(c.end()).append(' ')
                .append(c.incarnation().createdAtUs()).append(' ').append(c.incarnation().index()).append(' ')
                .append(c.dir()).append('\n'));
        Files.writeString(root.resolve(FILE_NAME), text, StandardCharsets.UTF_8);
    }

    static SnapshotManifest read(Path root) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(FILE_NAME), StandardCharsets.UTF_8);
        if (lines.isEmpty() || !HEADER.equals(lines.get(0))) {
            throw new IOException("not an iggyj snapshot (or another version): " + root.resolve(FILE_NAME));
        }
        List<String> dirs = new ArrayList<>();
        List<SnapshotFile> files = new ArrayList<>();
        List<Cursor> cursors = new ArrayList<>();
        List<End> ends = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        List<Cut> cuts = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "dir" -> dirs.add(f[1]);
                case "file" -> files.add(new SnapshotFile(f[2], Long.parseLong(f[1])));
                case "cursor" -> cursors.add(new Cursor(Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3])));
                case "end" -> ends.add(new End(f[2], Long.parseLong(f[1])));
                case "member" -> members.add(member(line));
                case "cut" -> cuts.add(new Cut(Long.parseLong(f[1]), f[5], Long.parseLong(f[2]),
                        new KeptSegments.Incarnation(Long.parseLong(f[3]), Long.parseLong(f[4]))));
                default -> throw new IOException("bad snapshot manifest line in " + root + ": " + line);
            }
        }
        return new SnapshotManifest(dirs, files, cursors, ends, members, cuts);
    }

    private static Member member(String line) {
        String[] f = line.split(" ", 8);
        return new Member(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                new MemberKey(f.length > 7 ? f[7] : "", Long.parseLong(f[5]), Long.parseLong(f[6])));
    }
}
