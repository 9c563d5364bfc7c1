package org.iggyj.kernel.auth;

/**
 * A token bucket for log lines an attacker can provoke: at most {@code perSecond} lines a second on
 * average, bursts of up to that many; what it drops is counted and reported with the next line it
 * allows. Thread-safe (synchronized: only reached on refusals and failures, never on the data path).
 */
public final class LogBudget {

    private final double perSecond;
    private double tokens;
    private long lastNs;
    private long dropped;

    /**
     * @param perSecond lines allowed per second, at least 1
     */
    public LogBudget(int perSecond) {
        this.perSecond = Math.max(1, perSecond);
        this.tokens = this.perSecond;
        this.lastNs = System.nanoTime();
    }

    /**
     * @param nowNs {@link System#nanoTime()}
     * @return -1 when this line must not be logged, else the number of lines dropped since the last
     *         one allowed (0 usually)
     */
    public synchronized long tryAcquire(long nowNs) {
        tokens = Math.min(perSecond, tokens + (nowNs - lastNs) / 1e9 * perSecond);
        lastNs = nowNs;
        if (tokens < 1) {
            dropped++;
            return -1;
        }
        tokens -= 1;
        long report = dropped;
        dropped = 0;
        return report;
    }
}
