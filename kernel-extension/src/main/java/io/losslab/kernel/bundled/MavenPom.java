package io.losslab.kernel.bundled;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The throwaway POM that {@code %maven} hands to Maven to resolve artifacts with their
 * dependencies, and the reading of Maven's output when that fails.
 */
final class MavenPom {

    private static final String ERROR = "[ERROR]";
    /** A terminal control sequence, such as the colour codes some Maven versions print even in batch mode. */
    private static final Pattern ESCAPE_CODE = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    /** "Failed to execute goal … on project maven-magic: Could not resolve dependencies for project …: ". */
    private static final Pattern WHAT_IT_WAS_DOING = Pattern.compile("^.*project \\S+: ");
    private static final Pattern HELP_POINTER = Pattern.compile("\\s*-> \\[Help \\d+]$");

    private MavenPom() {
    }

    /**
     * A POM depending on each {@code group:artifact:version} (or
     * {@code group:artifact:packaging:classifier:version}).
     *
     * @throws IllegalArgumentException for coordinates of another shape, naming them
     */
    static String forDependencies(List<String> coordinates) {
        StringBuilder dependencies = new StringBuilder();
        for (String coordinate : coordinates) {
            String[] parts = coordinate.split(":");
            if (parts.length != 3 && parts.length != 5 || List.of(parts).stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("artifact = " + coordinate
                        + " is not group:artifact:version (e.g. org.tribuo:tribuo-core:4.3.2)");
            }
            dependencies.append("<dependency><groupId>").append(xml(parts[0])).append("</groupId><artifactId>")
                    .append(xml(parts[1])).append("</artifactId><version>").append(xml(parts[parts.length - 1]))
                    .append("</version>");
            if (parts.length == 5) {
                dependencies.append("<type>").append(xml(parts[2])).append("</type><classifier>")
                        .append(xml(parts[3])).append("</classifier>");
            }
            dependencies.append("</dependency>");
        }
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>losslab.session</groupId><artifactId>maven-magic</artifactId><version>1</version>"
                + "<dependencies>" + dependencies + "</dependencies></project>";
    }

    /**
     * Why Maven failed, in one line: the first error it reported, without terminal escape codes,
     * its pointer to help pages, or what it was doing to the throwaway project, and from its last
     * "Could not" on, which names the artifact and the reason.
     */
    static String reason(String mavenOutput, int exitCode) {
        return mavenOutput.lines()
                .map(line -> ESCAPE_CODE.matcher(line).replaceAll(""))
                .filter(line -> line.startsWith(ERROR))
                .map(line -> HELP_POINTER.matcher(line.substring(ERROR.length())).replaceAll("").strip())
                .filter(line -> !line.isEmpty())
                .findFirst()
                .map(error -> WHAT_IT_WAS_DOING.matcher(error).replaceFirst(""))
                .map(error -> error.substring(Math.max(0, error.lastIndexOf("Could not "))))
                .orElse("Maven stopped with exit code " + exitCode + " without saying why");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
