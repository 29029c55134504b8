#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// What one value of an example is, which decides the likelihoods p_θ(x|z) that fit it.
enum class ValueKind {
    Binary,       ///< 0 or 1 (binarized MNIST, shapes): a Bernoulli likelihood is exact
    UnitInterval, ///< grey levels in [0, 1] (MNIST, Fashion-MNIST as published)
    Real,         ///< any real number (standardised table columns)
};

/// "binary", "unit-interval" or "real".
[[nodiscard]] std::string_view valueKindName(ValueKind kind);

/// Parses valueKindName()'s names; throws DataError on another string.
[[nodiscard]] ValueKind parseValueKind(std::string_view name);

/// What a dataset's examples look like: their shape, what a value means, and the names of the
/// classes. It travels with the data (Dataset), with every model trained on it (InferenceModel,
/// checkpoints), and is what the front ends read instead of assuming MNIST.
///
/// An example is height × width × channels values, stored row after row with the channels of a
/// pixel together (HWC, as image files and NumPy store them); inputSize() of them in all.
struct DataDescription {
    std::string name;   ///< shown to the user, e.g. "MNIST", "Fashion-MNIST"
    std::string source; ///< how to load it again: a dataset spec such as "fashion-mnist"
    int height = 0;     ///< image rows (1 for a table)
    int width = 0;      ///< image columns (the number of features for a table)
    int channels = 1;   ///< 1 = grey, 3 = RGB
    ValueKind values = ValueKind::UnitInterval;
    /// Label k is classNames[k]; empty when the examples carry no labels.
    std::vector<std::string> classNames;
    /// Dynamic binarization (Burda et al. 2015, section 5.1): the training set holds grey levels
    /// and the trainer draws a fresh Bernoulli sample of every image at every epoch; the test set
    /// is binary already (binarized once with a fixed seed).
    bool dynamicBinarization = false;
    /// The known generative factors of the examples (shapes: "shape", "scale", "orientation",
    /// "position x", "position y"), each with factorSizes[f] values; ImageSet::factors holds
    /// each example's indices. Empty for data without known factors.
    std::vector<std::string> factorNames;
    std::vector<int> factorSizes;
    /// A table's column names, one per value of an example (inputSize() of them); empty for
    /// images and for tables without names (a 2-D NumPy array).
    std::vector<std::string> featureNames;
    /// Standardisation of a table (ValueKind::Real): value i of an example was stored as
    /// (x − featureMean[i]) / featureScale[i], in the original units of column i, with the mean
    /// and the standard deviation of the training split (scale 1 for a constant column). Both
    /// hold inputSize() values, or are empty when the values are not standardised (images).
    std::vector<float> featureMean;
    std::vector<float> featureScale; ///< > 0; see featureMean

    /// Values per example: height · width · channels.
    [[nodiscard]] int inputSize() const { return height * width * channels; }
    [[nodiscard]] int classCount() const { return int(classNames.size()); }
    /// The name of class `label`, or the number itself when it has none.
    [[nodiscard]] std::string className(int label) const;

    /// Whether the values are standardised (featureMean and featureScale are set).
    [[nodiscard]] bool standardised() const { return !featureScale.empty(); }
    /// Maps standardised values (one or more examples, inputSize() values each, e.g. a decoded
    /// mean) back to the original units of each column, in place: x = v · featureScale[i] +
    /// featureMean[i]. Does nothing when the values are not standardised. Throws
    /// std::invalid_argument when values.size() is not a multiple of inputSize().
    void toOriginalUnits(std::span<float> values) const;
    /// The inverse of toOriginalUnits(): v = (x − featureMean[i]) / featureScale[i], in place.
    void toStandardUnits(std::span<float> values) const;

    /// MNIST as published: 28×28 grey levels in [0, 1], the digits "0"–"9".
    [[nodiscard]] static DataDescription mnist();

    /// A JSON object, e.g. {"name": "MNIST", "source": "mnist", "height": 28, ...}.
    [[nodiscard]] std::string toJson() const;
    /// Parses toJson()'s format; throws DataError on malformed JSON, a wrongly typed or
    /// out-of-range field (each side 1–65,536, channels 1, 3 or 4, inputSize ≤ 2^31 − 1), feature
    /// names, means or scales whose count is not inputSize() (or more than 65,536), a mean that is
    /// not finite or a scale that is not finite and > 0, more than 16 factors, a factor size
    /// outside 1–256, or factor names and sizes of different counts. JSON without the feature or
    /// factor fields (written before they existed) reads with them empty.
    [[nodiscard]] static DataDescription fromJson(std::string_view json);

    bool operator==(const DataDescription&) const = default;
};

} // namespace vae
