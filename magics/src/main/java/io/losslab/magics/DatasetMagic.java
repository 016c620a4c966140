package io.losslab.magics;

import io.losslab.data.BundledData;
import io.losslab.data.DataFiles;
import io.losslab.data.DataSplits;
import io.losslab.data.DownloadOptions;
import io.losslab.data.FashionMnist;
import io.losslab.data.LabeledData;
import io.losslab.data.LongTail;
import io.losslab.data.StratifiedSplit;
import io.losslab.data.UrlCache;
import io.losslab.plot.ClassCounts;
import io.losslab.plot.Figure;
import io.losslab.plot.Plots;
import io.losslab.plot.Scale;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code %dataset}: load a dataset, make a long-tailed version, split it, show its statistics.
 * Each subcommand is one or two lines of plain Java; the usage says which.
 */
final class DatasetMagic implements Magic {

    /** A source that starts with a scheme, {@code http://} or any other, is a URL and not a file. */
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

    /** The longest read timeout a notebook may ask for: a day. */
    private static final double MAX_TIMEOUT_SECONDS = 86_400;

    private final Supplier<UrlCache> cache;

    /** The magic, downloading into the default cache, found anew at each download so that its property may change. */
    DatasetMagic() {
        this(UrlCache::defaultCache);
    }

    /** The magic, downloading into the cache {@code cache} gives. */
    DatasetMagic(Supplier<UrlCache> cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "dataset";
    }

    @Override
    public boolean isCellMagic() {
        return false;
    }

    @Override
    public String summary() {
        return "load a dataset, make it long-tailed, split it, show its class statistics";
    }

    @Override
    public String usage() {
        return """
                %dataset load SOURCE [label=COLUMN] [timeout=30] [refresh=false] as NAME
                    SOURCE: fashion-mnist (Debian's dataset-fashion-mnist; train and test),
                    digits, iris, wine, breast-cancer (bundled), a .csv/.tsv/.arff/.libsvm file,
                    or an http(s) URL of one (downloaded once into the cache, and kept there
                    only if it loads)
                    timeout: seconds a download waits for the server's next byte before it gives
                    up (it waits at most 10 s, or timeout if less, for a connection)
                    refresh=true: download the URL again although the cache has it
                %dataset longtail NAME rho=R [profile=exponential|step] [head=N] [seed=0] as NEW
                    keep n_max · ρ^(-k/(K-1)) training examples of class k (n_max: head, or the
                    first class's count); a test set stays balanced
                %dataset split NAME [test=0.2] [validation=0] [seed=0] as NEW
                    stratified train / validation / test split
                %dataset stats NAME
                    counts, prior, ρ, Gini, many/medium/few-shot groups

                In Java: FashionMnist.load(), BundledData.load("digits"), DataFiles.load(path, label),
                UrlCache.defaultCache().load(uri, DownloadOptions.newBuilder().readTimeout(d).refresh(true).build(),
                DownloadProgress.NONE, file -> DataFiles.load(file, label)),
                LongTail.exponential(100).apply(data, seed), StratifiedSplit.trainTest(0.2).split(data, seed),
                data.stats().

                Example:
                  %dataset load digits as digits
                  %dataset longtail digits rho=20 as digitsLT""";
    }

    @Override
    public Object run(List<String> words, String body, MagicContext context) throws IOException {
        if (words.isEmpty()) {
            throw new MagicUsageException(this, "missing a subcommand: load, longtail, split or stats");
        }
        List<String> rest = words.subList(1, words.size());
        return switch (words.get(0)) {
            case "load" -> load(MagicArguments.parse(this, rest, Set.of("label", "timeout", "refresh")), context);
            case "longtail" -> longTail(MagicArguments.parse(this, rest, Set.of("rho", "profile", "head", "seed")), context);
            case "split" -> split(MagicArguments.parse(this, rest, Set.of("test", "validation", "seed")), context);
            case "stats" -> stats(lookUp(MagicArguments.parse(this, rest, Set.of()).atMost(1), "the dataset's name"));
            default -> throw new MagicUsageException(this, "unknown subcommand '" + words.get(0)
                    + "'; the subcommands are load, longtail, split, stats");
        };
    }

    private Object load(MagicArguments args, MagicContext context) throws IOException {
        String source = args.atMost(1).word(0, "what to load (fashion-mnist, digits, a file or a URL)");
        String labelColumn = args.option("label", null);
        Object data;
        if (URL.matcher(source).matches()) {
            data = download(url(source), downloadOptions(args), labelColumn, context);
        } else {
            refuseDownloadOptions(args, source);
            data = open(source, labelColumn);
        }
        return bindAndShow(args, data, context, source);
    }

    private Object open(String source, String labelColumn) throws IOException {
        String lower = source.toLowerCase(Locale.ROOT);
        boolean bundled = BundledData.names().contains(lower);
        if (labelColumn != null && (bundled || lower.equals("fashion-mnist"))) {
            throw new MagicUsageException(this, "label = " + labelColumn + ": " + lower
                    + " comes with its own labels and takes no label option; label names a column of a file");
        }
        if (lower.equals("fashion-mnist")) {
            return FashionMnist.load();
        }
        if (bundled) {
            return BundledData.load(lower);
        }
        return DataFiles.load(Path.of(source), labelColumn);
    }

    /** Downloads unless the cache has the file, and keeps a new download only if it loads. */
    private Object download(URI uri, DownloadOptions options, String labelColumn, MagicContext context)
            throws IOException {
        UrlCache downloads = cache.get();
        ProgressBar bar = ProgressBar.start(context, "download", 0);
        AtomicLong received = new AtomicLong();
        try {
            LabeledData data = downloads.load(uri, options, (from, bytes, total) -> {
                received.set(bytes);
                bar.update(bytes, total, "");
            }, file -> DataFiles.load(file, labelColumn));
            bar.finish(downloads.entry(uri).toFile().length(), "in the cache");
            return data;
        } catch (IOException | RuntimeException e) {
            bar.finish(received.get(), "failed");
            throw e;
        }
    }

    private URI url(String source) {
        try {
            return new URI(source);
        } catch (URISyntaxException e) {
            throw new MagicUsageException(this, "SOURCE = " + source + " is not a valid URL: " + e.getReason()
                    + " at character " + (e.getIndex() + 1));
        }
    }

    private DownloadOptions downloadOptions(MagicArguments args) {
        DownloadOptions.Builder options = DownloadOptions.newBuilder().refresh(refresh(args));
        if (args.has("timeout")) {
            options.readTimeout(timeout(args));
        }
        return options.build();
    }

    private Duration timeout(MagicArguments args) {
        double seconds = args.number("timeout", DownloadOptions.DEFAULT_READ_SECONDS);
        long millis = Math.round(seconds * 1000);
        if (!(millis >= 1 && seconds <= MAX_TIMEOUT_SECONDS)) {
            throw new MagicUsageException(this, "timeout = " + args.option("timeout", "")
                    + " is not a number of seconds from 0.001 to " + (long) MAX_TIMEOUT_SECONDS + " (a day)");
        }
        return Duration.ofMillis(millis);
    }

    private boolean refresh(MagicArguments args) {
        String value = args.option("refresh", "false");
        if (!value.equals("true") && !value.equals("false")) {
            throw new MagicUsageException(this, "refresh = " + value + " is not true or false");
        }
        return value.equals("true");
    }

    private void refuseDownloadOptions(MagicArguments args, String source) {
        for (String option : List.of("timeout", "refresh")) {
            if (args.has(option)) {
                throw new MagicUsageException(this, option + " = " + args.option(option, "") + ": " + source
                        + " is not downloaded; " + option + " applies to an http(s) URL");
            }
        }
    }

    private Object longTail(MagicArguments args, MagicContext context) {
        Object data = lookUp(args.atMost(1), "the name of the dataset to make long-tailed");
        if (!args.has("rho")) {
            throw new MagicUsageException(this, "missing rho=R, the imbalance ratio n_max / n_min (e.g. rho=100)");
        }
        double rho = args.number("rho", 0);
        LongTail profile = switch (args.option("profile", "exponential")) {
            case "exponential" -> LongTail.exponential(rho);
            case "step" -> LongTail.step(rho);
            default -> throw new MagicUsageException(this, "profile = " + args.option("profile", "")
                    + " is not a profile; the profiles are exponential and step");
        };
        if (args.has("head")) {
            profile = profile.headCount(args.positiveCount("head", 1));
        }
        long seed = args.integer("seed", 0);
        Object longTailed = data instanceof DataSplits splits ? profile.apply(splits, seed)
                : profile.apply((LabeledData) data, seed);
        String name = args.word(0, "");
        String newName = args.bindName() != null ? args.bindName() : name + ", long-tailed";
        return bindAndShow(args, longTailed, context, Plots.classDistributions(
                counts(name, trainingSet(data)), counts(newName, trainingSet(longTailed)), Scale.LOG));
    }

    private Object split(MagicArguments args, MagicContext context) {
        Object data = lookUp(args.atMost(1), "the name of the dataset to split");
        if (!(data instanceof LabeledData labeled)) {
            throw new MagicUsageException(this, args.word(0, "") + " is already split into train and test");
        }
        double test = args.number("test", 0.2);
        double validation = args.number("validation", 0);
        if (test + validation >= 1 && test <= 1 && validation >= 0) {
            throw new MagicUsageException(this, "test = " + args.option("test", "0.2") + (args.has("validation")
                    ? " with validation = " + args.option("validation", "0") : "") + " leaves no examples for training;"
                    + " test and validation must add up to less than 1");
        }
        StratifiedSplit split = StratifiedSplit.of(1 - test - validation, validation, test);
        return bindAndShow(args, split.split(labeled, args.integer("seed", 0)), context, args.word(0, "") + ", split");
    }

    private Object lookUp(MagicArguments args, String what) {
        return lookUp(this, args.word(0, what));
    }

    /** The dataset bound to {@code name}, for any magic that works on one. */
    static Object lookUp(Magic magic, String name) {
        Object value;
        try {
            value = Workspace.get(name);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(magic, e.getMessage());
        }
        if (!(value instanceof LabeledData || value instanceof DataSplits)) {
            throw new MagicUsageException(magic, name + " is a " + value.getClass().getSimpleName() + ", not a dataset");
        }
        return value;
    }

    /**
     * Binds the data if asked to, shows its class distribution (labelled with the variable's name,
     * or {@code fallbackLabel}), and returns its statistics.
     */
    private Object bindAndShow(MagicArguments args, Object data, MagicContext context, String fallbackLabel) {
        LabeledData train = trainingSet(data);
        Scale scale = train.stats().imbalanceRatio() >= 10 ? Scale.LOG : Scale.LINEAR;
        String label = args.bindName() != null ? args.bindName() : fallbackLabel;
        return bindAndShow(args, data, context, Plots.classDistribution(counts(label, train), scale));
    }

    private Object bindAndShow(MagicArguments args, Object data, MagicContext context, Figure distribution) {
        if (args.bindName() != null) {
            context.bind(args.bindName(), data);
        }
        context.display(distribution);
        return stats(data);
    }

    private static LabeledData trainingSet(Object data) {
        return data instanceof DataSplits splits ? splits.train() : (LabeledData) data;
    }

    private static ClassCounts counts(String label, LabeledData data) {
        return ClassCounts.of(label, data.classNames(), data.classCounts());
    }

    private static RichText stats(Object data) {
        LabeledData train = trainingSet(data);
        RichText table = Tables.classStats(train.stats());
        String heading = data instanceof DataSplits splits
                ? "training set of " + train.source() + " (test set: " + splits.test().size() + " examples)"
                : train.source();
        return new RichText(heading + "\n" + table.text(), "<p><b>" + RichText.escape(heading) + "</b></p>" + table.html());
    }
}
