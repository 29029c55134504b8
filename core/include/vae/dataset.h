#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vae {

/// Images and their class labels, as plain values.
struct ImageSet {
    /// count × rows × cols grey levels in [0, 1] (byte / 255), image after image, row-major.
    std::vector<float> pixels;
    /// count class labels (0–9 for MNIST).
    std::vector<std::uint8_t> labels;
    int count = 0;
    int rows = 0;
    int cols = 0;

    [[nodiscard]] int pixelsPerImage() const { return rows * cols; }
    /// The first n images (all of them when n ≤ 0 or n ≥ count).
    [[nodiscard]] ImageSet head(int n) const;
};

/// The MNIST training (60,000) and test (10,000) sets.
struct Mnist {
    ImageSet train;
    ImageSet test;
};

/// Raw content of an IDX image file (LeCun et al., "THE MNIST DATABASE", file format section):
/// magic 0x00000803, then big-endian uint32 count, rows, cols, then count·rows·cols bytes.
struct IdxImages {
    int count = 0;
    int rows = 0;
    int cols = 0;
    std::vector<std::uint8_t> bytes; ///< count × rows × cols, row-major
};

/// Reads an IDX3 image file. Throws DataError naming the file when it is missing or unreadable,
/// when the magic number is not 0x00000803, when a dimension is 0 or implausibly large, or when the
/// file size differs from 16 + count·rows·cols bytes (truncated or trailing data).
[[nodiscard]] IdxImages readIdxImages(const std::filesystem::path& file);

/// Reads an IDX1 label file (magic 0x00000801, big-endian uint32 count, then count bytes).
/// Throws DataError as readIdxImages does.
[[nodiscard]] std::vector<std::uint8_t> readIdxLabels(const std::filesystem::path& file);

/// Reads an image file and its label file and checks that both hold the same number of items
/// (DataError naming both files otherwise). Pixels are scaled to [0, 1].
[[nodiscard]] ImageSet loadImageSet(const std::filesystem::path& imagesFile,
                                    const std::filesystem::path& labelsFile);

/// File names of the four MNIST IDX files inside a data directory.
inline constexpr const char* kTrainImagesFile = "train-images-idx3-ubyte";
inline constexpr const char* kTrainLabelsFile = "train-labels-idx1-ubyte";
inline constexpr const char* kTestImagesFile = "t10k-images-idx3-ubyte";
inline constexpr const char* kTestLabelsFile = "t10k-labels-idx1-ubyte";

/// Loads MNIST from `dir`. When the directory or a file is missing, throws DataError whose message
/// names the directory, the missing file and the command that fetches the data (fetchCommand()).
[[nodiscard]] Mnist loadMnist(const std::filesystem::path& dir);

/// The per-user data directory: $VAE_EXPLORER_DATA if set, else $XDG_DATA_HOME/vae-explorer/mnist,
/// else ~/.local/share/vae-explorer/mnist.
[[nodiscard]] std::filesystem::path defaultDataDir();

/// The shell command that fetches and verifies MNIST into `dir`.
[[nodiscard]] std::string fetchCommand(const std::filesystem::path& dir);

} // namespace vae
