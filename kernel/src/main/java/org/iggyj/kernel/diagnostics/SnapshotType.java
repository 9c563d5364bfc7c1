package org.iggyj.kernel.diagnostics;

import java.util.EnumSet;
import java.util.Set;

/**
 * The snapshot types of get_snapshot, with their wire codes and ZIP entry names.
 */
public enum SnapshotType {
    FILESYSTEM_OVERVIEW(1, "filesystem_overview.txt"),
    PROCESS_LIST(2, "process_list.txt"),
    RESOURCE_USAGE(3, "resource_usage.txt"),
    TEST(4, "test.txt"),
    SERVER_LOGS(5, "server_logs.txt"),
    SERVER_CONFIG(6, "server_config.txt");

    /** Wire code of "all": every type except {@link #TEST}; must be the only code of a request. */
    public static final int ALL_CODE = 100;

    private final int code;
    private final String entryName;

    SnapshotType(int code, String entryName) {
        this.code = code;
        this.entryName = entryName;
    }

    /** @return the wire code */
    public int code() {
        return code;
    }

    /** @return the name of the ZIP entry */
    public String entryName() {
        return entryName;
    }

    /**
     * @param code a wire code other than {@link #ALL_CODE}
     * @return the type, or null when the code is unknown
     */
    public static SnapshotType of(int code) {
        for (SnapshotType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    /** @return what "all" stands for */
    public static Set<SnapshotType> all() {
        return EnumSet.complementOf(EnumSet.of(TEST));
    }
}
