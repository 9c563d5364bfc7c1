package org.iggyj.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shell block of the README and what its marker says about it. Every {@code ```sh} block is
 * preceded by a marker comment, either
 * <pre>{@code <!-- readme-test: run; expect: TEXT; expect: TEXT -->}</pre>
 * (run it against a started distribution; its output must contain every TEXT) or
 * <pre>{@code <!-- readme-test: skip: WHY -->}</pre>
 * (not runnable there, e.g. it starts a server in the foreground; WHY names what covers it instead).
 *
 * @param line     the line of the opening fence, 1-based
 * @param script   the block's text
 * @param run      whether the block is to be run
 * @param expected texts the block's output must contain
 */
record ReadmeExample(int line, String script, boolean run, List<String> expected) {

    private static final Pattern MARKER = Pattern.compile("<!-- readme-test: (run|skip)(.*?)-->");

    /**
     * @param readme the README's text
     * @return its shell blocks in order
     * @throws IllegalArgumentException naming the line of a block without a marker
     */
    static List<ReadmeExample> parse(String readme) {
        String[] lines = readme.split("\n", -1);
        List<ReadmeExample> examples = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals("```sh")) {
                continue;
            }
            Matcher marker = i > 0 ? MARKER.matcher(lines[i - 1].strip()) : null;
            if (marker == null || !marker.matches()) {
                throw new IllegalArgumentException("README line " + (i + 1)
                        + ": a ```sh block without a <!-- readme-test: run|skip ... --> marker on the line before");
            }
            StringBuilder script = new StringBuilder();
            int open = i;
            for (i++; i < lines.length && !lines[i].strip().equals("```"); i++) {
                script.append(lines[i]).append('\n');
            }
            boolean run = marker.group(1).equals("run");
            examples.add(new ReadmeExample(open + 1, script.toString(), run, run ? expectations(marker.group(2)) : List.of()));
        }
        return examples;
    }

    private static List<String> expectations(String options) {
        List<String> expected = new ArrayList<>();
        for (String option : options.split(";")) {
            String trimmed = option.strip();
            if (trimmed.startsWith("expect:")) {
                expected.add(trimmed.substring("expect:".length()).strip());
            }
        }
        return expected;
    }
}
