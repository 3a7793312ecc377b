package org.mpjcluster.device.tcp;

/**
 * The ports a device may listen on: {@code "0"} for any free ephemeral port, or
 * {@code "first-last"} for each port of a range in turn.
 *
 * @param first first port to try, 0 for an ephemeral port
 * @param last  last port to try
 */
record PortRange(int first, int last) {

    private static final int MAX_PORT = 65_535;

    /** Checks the bounds. */
    PortRange {
        if (first < 0 || last > MAX_PORT || first > last || (first == 0 && last != 0)) {
            throw new IllegalArgumentException("port-range must be \"0\" or \"first-last\" with "
                + "1 <= first <= last <= " + MAX_PORT + ", not " + first + "-" + last);
        }
    }

    /** Parses {@code "0"}, {@code "41000"} or {@code "41000-41099"}. */
    static PortRange parse(String text) {
        String[] bounds = text.trim().split("\\s*-\\s*", -1);
        try {
            if (bounds.length == 1) {
                int port = Integer.parseInt(bounds[0]);
                return new PortRange(port, port);
            }
            if (bounds.length == 2) {
                return new PortRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
            }
        } catch (NumberFormatException e) {
            // Falls through to the error below, which shows the accepted forms.
        }
        throw new IllegalArgumentException("port-range must be \"0\" or \"first-last\", not \"" + text + "\"");
    }

    @Override
    public String toString() {
        return first == 0 ? "any free port" : first == last ? "port " + first : "ports " + first + "-" + last;
    }
}
