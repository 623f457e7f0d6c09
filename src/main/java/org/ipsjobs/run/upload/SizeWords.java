package org.ipsjobs.run.upload;

import java.util.Locale;

/** Byte counts as people read them in progress messages: 512 bytes, 3.4 KB, 12.0 MB. */
final class SizeWords {

    private SizeWords() {
    }

    static String of(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
