package io.losslab.train;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.losslab.data.LabeledData;
import io.losslab.data.MultiLabelData;
import java.util.Map;
import org.tribuo.classification.LabelFactory;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The Tribuo dataset provenance of a {@link LabeledData} or {@link MultiLabelData} that a model
 * was trained on directly, without a Tribuo dataset: its source description and its size, as a
 * dense dataset.
 *
 * <pre>{@code
 * NdModel model = NdTrainer.builder().build().train(data);
 * DatasetProvenance p = model.getProvenance().getDatasetProvenance();   // says data.source()
 * }</pre>
 */
public final class LabeledDataProvenance extends DatasetProvenance {

    private static final long serialVersionUID = 1L;

    LabeledDataProvenance(LabeledData data) {
        super(new SimpleDataSourceProvenance(data.source(), new LabelFactory()), new ListProvenance<>(),
                LabeledData.class.getName(), true, false, data.size(), data.numFeatures(), data.numClasses());
    }

    LabeledDataProvenance(MultiLabelData data) {
        super(new SimpleDataSourceProvenance(data.source(), new MultiLabelFactory()), new ListProvenance<>(),
                MultiLabelData.class.getName(), true, false, data.size(), data.features().numColumns(),
                data.numLabels());
    }

    /** For Tribuo's provenance marshalling. */
    public LabeledDataProvenance(Map<String, Provenance> map) {
        super(map);
    }
}
