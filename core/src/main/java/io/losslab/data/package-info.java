/**
 * Data for LossLab: loaders, real and synthetic datasets, long-tailed versions, class statistics
 * and the predictions models make of them.
 *
 * <p>Everything produces a {@link io.losslab.data.LabeledData} (or, for multi-label data, a
 * {@link io.losslab.data.MultiLabelData}): a feature matrix, labels, names and a source
 * description, with conversions to ND4J and Tribuo.
 *
 * <ul>
 *   <li>Files: {@link io.losslab.data.CsvLoader}, {@link io.losslab.data.LibSvmLoader},
 *       {@link io.losslab.data.ArffLoader}, {@link io.losslab.data.IdxLoader}; from the web through
 *       {@link io.losslab.data.UrlCache}, with timeouts and refresh in
 *       {@link io.losslab.data.DownloadOptions}.</li>
 *   <li>Datasets: {@link io.losslab.data.FashionMnist}, {@link io.losslab.data.BundledData}.</li>
 *   <li>Synthetic: {@link io.losslab.data.GaussianClasses} with its Bayes-optimal balanced error,
 *       {@link io.losslab.data.SyntheticMultiLabel} with its best macro-F1.</li>
 *   <li>Imbalance: {@link io.losslab.data.LongTail}, {@link io.losslab.data.StratifiedSplit},
 *       {@link io.losslab.data.ClassStats}.</li>
 *   <li>What a model predicted for a test set, beside the truth: {@link io.losslab.data.Predictions}
 *       and {@link io.losslab.data.MultiLabelPredictions}, from which {@code io.losslab.eval}
 *       computes the metrics.</li>
 * </ul>
 *
 * <pre>{@code
 * DataSplits fashion = LongTail.exponential(100).apply(FashionMnist.load(), 42);
 * System.out.println(fashion.train().stats());
 * }</pre>
 */
package io.losslab.data;
