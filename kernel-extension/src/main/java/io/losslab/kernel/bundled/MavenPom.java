package io.losslab.kernel.bundled;

import java.util.List;

/** The throwaway POM that {@code %maven} hands to Maven to resolve artifacts with their dependencies. */
final class MavenPom {

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

    /** The first line of Maven's output that says what went wrong. */
    static String firstError(String mavenOutput) {
        return mavenOutput.lines()
                .filter(line -> line.contains("ERROR"))
                .map(line -> line.replaceFirst("^\\[ERROR\\]\\s*", "").strip())
                .filter(line -> !line.isEmpty())
                .findFirst()
                .orElse(mavenOutput.strip().isEmpty() ? "Maven gave no reason" : mavenOutput.strip());
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
