#pragma once

#include "vae/data_description.h"
#include "vae/example_generator.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// Examples and their class labels, as plain values, or made on demand by a generator.
struct ImageSet {
    /// count × rows × cols × channels values, example after example, row-major with a pixel's
    /// channels together (HWC); grey levels in [0, 1] (byte / 255) for image files. Empty when
    /// the set is generated (isGenerated()): read examples with gather() instead.
    std::vector<float> pixels;
    /// count class labels (0–9 for MNIST), or none when the data has no labels.
    std::vector<std::uint8_t> labels;
    /// count × DataDescription::factorNames.size() factor indices, example after example, when the
    /// data has known generative factors (shapes); else empty.
    std::vector<std::uint8_t> factors;
    int count = 0;
    int rows = 0;
    int cols = 0;
    int channels = 1;
    /// Makes the examples when `pixels` is empty; null for stored data.
    std::shared_ptr<const ExampleGenerator> generator;

    [[nodiscard]] int pixelsPerImage() const { return rows * cols * channels; }
    [[nodiscard]] bool isGenerated() const { return generator != nullptr; }
    /// Copies (or generates) the examples `indices` into out, [indices.size(), pixelsPerImage()]
    /// row-major. Throws std::out_of_range for an index outside [0, count),
    /// std::invalid_argument when out.size() ≠ indices.size() · pixelsPerImage().
    void gather(std::span<const std::int64_t> indices, std::span<float> out) const;
    /// The first n images (all of them when n ≤ 0 or n ≥ count); a generated set stays generated.
    [[nodiscard]] ImageSet head(int n) const;
};

/// A dataset: its description and its training and test sets.
struct Dataset {
    DataDescription description;
    ImageSet train;
    ImageSet test;
};

/// Examples read from one file (a table or an array), before they are split into a training and
/// a test set (splitExamples()). A table is an ImageSet of count × 1 × F values (rows = 1,
/// cols = F, channels = 1) in the file's units, not yet standardised.
struct Examples {
    DataDescription description; ///< shape, value kind, feature and class names; source empty
    ImageSet set;
};

/// Raw content of an IDX image file (LeCun et al., "THE MNIST DATABASE", file format section):
/// magic 0x00000803, then big-endian uint32 count, rows, cols, then count·rows·cols bytes.
struct IdxImages {
    int count = 0;
    int rows = 0;
    int cols = 0;
    std::vector<std::uint8_t> bytes; ///< count × rows × cols, row-major
};

/// Reads an IDX3 image file, plain or gzip-compressed (a name ending in ".gz", read with zlib).
/// Throws DataError naming the file when it is missing or unreadable, when the magic number is not
/// 0x00000803, when a dimension is 0 or implausibly large, when the data is shorter or longer than
/// 16 + count·rows·cols bytes (truncated or trailing data), or when the gzip stream is corrupt.
[[nodiscard]] IdxImages readIdxImages(const std::filesystem::path& file);

/// Reads an IDX1 label file (magic 0x00000801, big-endian uint32 count, then count bytes), plain
/// or gzip-compressed. Throws DataError as readIdxImages does.
[[nodiscard]] std::vector<std::uint8_t> readIdxLabels(const std::filesystem::path& file);

/// Reads an image file and its label file and checks that both hold the same number of items
/// (DataError naming both files otherwise) and, when classCount > 0, that every label is below it
/// (DataError naming the label file, the item and the value). Pixels are scaled to [0, 1].
[[nodiscard]] ImageSet loadImageSet(const std::filesystem::path& imagesFile,
                                    const std::filesystem::path& labelsFile, int classCount = 0);

/// File names of the four MNIST IDX files inside a data directory.
inline constexpr const char* kTrainImagesFile = "train-images-idx3-ubyte";
inline constexpr const char* kTrainLabelsFile = "train-labels-idx1-ubyte";
inline constexpr const char* kTestImagesFile = "t10k-images-idx3-ubyte";
inline constexpr const char* kTestLabelsFile = "t10k-labels-idx1-ubyte";

/// Loads MNIST from `dir` (description: DataDescription::mnist()). When the directory or a file is missing, throws DataError whose message
/// names the directory, the missing file and the command that fetches the data (fetchCommand()).
[[nodiscard]] Dataset loadMnist(const std::filesystem::path& dir);

/// Where Debian's dataset-fashion-mnist package installs Fashion-MNIST (gzip IDX files).
inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

/// Loads Fashion-MNIST (Xiao et al. 2017): the four MNIST file names with ".gz" in `dir`, read
/// directly with zlib; 28×28 grey levels in [0, 1], 10 classes "T-shirt/top" … "Ankle boot".
/// Throws DataError naming a missing file and the package that provides it, or as loadImageSet.
[[nodiscard]] Dataset loadFashionMnist(const std::filesystem::path& dir = kFashionMnistDir);

/// The two binarization protocols of the literature for grey-level MNIST.
enum class Binarization {
    /// One fixed Bernoulli sample of the training and the test set (the "static" MNIST of
    /// Larochelle & Murray 2011 is such a sample, but not this one: that file cannot be fetched
    /// here, so figures differ from it by the sample).
    Static,
    /// A fresh sample of every training image at every epoch, the test set sampled once with a
    /// fixed seed (Burda et al. 2015, section 5.1); DataDescription::dynamicBinarization is set
    /// and the trainer draws the samples (binarizeInto()).
    Dynamic,
};

/// Binarizes `grey` (values in [0, 1]) by the protocol: each value v becomes 1 with probability v.
/// The result's description says ValueKind::Binary and names the protocol ("Binarized MNIST
/// (static)"). Deterministic in `seed` on every platform. Throws DataError if a value is outside
/// [0, 1] or the description's values are not ValueKind::UnitInterval.
[[nodiscard]] Dataset binarize(Dataset grey, Binarization protocol, std::uint64_t seed);

/// One Bernoulli sample of `grey`: out[i] = 1 if u_i < grey[i] else 0, u_i uniform in [0, 1) from
/// a counter-based hash of (seed, offset + i) (splitmix64), so any slice gives the same values as
/// the whole and the sample needs no state. out.size() must equal grey.size()
/// (std::invalid_argument otherwise).
void binarizeInto(std::span<const float> grey, std::span<float> out, std::uint64_t seed,
                  std::uint64_t offset = 0);

/// Where the built-in datasets are read from.
struct DataLocations {
    std::filesystem::path mnist;        ///< empty: defaultDataDir()
    std::filesystem::path fashionMnist; ///< empty: kFashionMnistDir
};

/// Loads a dataset by its spec: "mnist", "fashion-mnist", "binarized-mnist:dynamic" or
/// "binarized-mnist:static" (the binarized sets sample MNIST with seed kBinarizationSeed),
/// "shapes" (loadShapes(), vae/shapes.h: generated, no files), a user's file:
/// "csv:PATH[:label=COLUMN]" or "npy:PATH" (loadUserDataset(): readCsv() or readNpy(), a seeded
/// 90/10 split, tables standardised), or "folder:PATH[:size=N]", a folder of images
/// (loadImageFolder() in image_folder.h, with the default options but the size; its skipped
/// files are not reported here). The description's source is the spec (for a user's file, with
/// its path made absolute). Throws DataError for an unknown spec (listing the known ones) or as
/// the loader it calls.
[[nodiscard]] Dataset loadDataset(std::string_view spec, const DataLocations& locations = {});

/// The seed of the binarized MNIST sets' fixed samples (the test set of both, the training set of
/// the static one), so every run and checkpoint sees the same binary images.
inline constexpr std::uint64_t kBinarizationSeed = 20151001;

/// The specs loadDataset() knows, in the order a menu lists them.
[[nodiscard]] const std::vector<std::string>& builtinDatasetSpecs();

/// The per-user data directory: $VAE_EXPLORER_DATA if set, else $XDG_DATA_HOME/vae-explorer/mnist,
/// else ~/.local/share/vae-explorer/mnist.
[[nodiscard]] std::filesystem::path defaultDataDir();

/// The shell command that fetches and verifies MNIST into `dir`.
[[nodiscard]] std::string fetchCommand(const std::filesystem::path& dir);

} // namespace vae
