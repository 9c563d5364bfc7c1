package org.iggyj.transport.http;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Byte sizes as Iggy 0.8's JSON writes them (http-api.md §4): the largest unit in which the value is
 * exact to three decimals, trailing zeros removed, e.g. {@code 1500 → "1.5 KB"}, {@code 1024 → "1 KiB"}.
 */
final class SizeText {

    private static final String[] UNITS = {"EiB", "EB", "PiB", "PB", "TiB", "TB", "GiB", "GB", "MiB", "MB", "KiB", "KB"};
    private static final BigDecimal[] FACTORS = {
        BigDecimal.valueOf(2).pow(60), BigDecimal.TEN.pow(18), BigDecimal.valueOf(2).pow(50), BigDecimal.TEN.pow(15),
        BigDecimal.valueOf(2).pow(40), BigDecimal.TEN.pow(12), BigDecimal.valueOf(2).pow(30), BigDecimal.TEN.pow(9),
        BigDecimal.valueOf(2).pow(20), BigDecimal.TEN.pow(6), BigDecimal.valueOf(1024), BigDecimal.valueOf(1000)};
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private SizeText() {
    }

    static String of(long bytes) {
        BigDecimal value = new BigDecimal(Long.toUnsignedString(bytes));
        for (int i = 0; i < UNITS.length; i++) {
            if (value.compareTo(FACTORS[i]) < 0) {
                continue;
            }
            BigDecimal scaled = value.multiply(THOUSAND);
            if (scaled.remainder(FACTORS[i]).signum() == 0) {
                BigDecimal v = value.divide(FACTORS[i], 3, RoundingMode.UNNECESSARY).stripTrailingZeros();
                return v.toPlainString() + " " + UNITS[i];
            }
        }
        return bytes + " B";
    }
}
