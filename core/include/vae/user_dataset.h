#pragma once

#include "vae/dataset.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace vae {

/// The seed of the train/test split of a user's table or array, fixed so that every run (and a
/// checkpoint reopened later) sees the same split of the same file.
inline constexpr std::uint64_t kSplitSeed = 20240611;
/// The share of the examples held out as the test set.
inline constexpr double kTestFraction = 0.1;

/// Splits examples into a training and a test set: round(count · testFraction) test examples,
/// at least 1, chosen by a Fisher–Yates shuffle driven by splitmix64 of (seed, step), so the
/// split is the same on every platform and standard library (std::shuffle's algorithm is not
/// specified). Each set keeps the file's order. Then, when the values are ValueKind::Real and
/// of a table (height 1, channels 1), standardises every column with the training set's mean
/// and standard deviation (population, ddof = 0) and stores them in the description
/// (featureMean, featureScale; DataDescription::toOriginalUnits() maps back). A constant column
/// (its standard deviation 0, or below 10⁻⁷·|mean|, i.e. constant within float precision) gets
/// scale 1, so it becomes 0 in the training set. Images are not standardised.
///
/// Throws DataError naming the description's name when there are fewer than 2 examples, or
/// when a standardised test value would overflow a float.
[[nodiscard]] Dataset splitExamples(Examples examples, double testFraction = kTestFraction,
                                    std::uint64_t seed = kSplitSeed);

/// A parsed "csv:PATH[:label=COLUMN]" or "npy:PATH" spec.
struct UserDataSpec {
    enum class Format { Csv, Npy } format = Format::Csv;
    std::string path;
    std::string labelColumn; ///< CSV only; empty: no labels
};

/// Whether `spec` starts with "csv:" or "npy:".
[[nodiscard]] bool isUserDataSpec(std::string_view spec);

/// Parses "csv:PATH", "csv:PATH:label=COLUMN" (the last ":label=" splits them) or "npy:PATH".
/// Throws DataError for an empty path or column, or an option other than label= on npy.
[[nodiscard]] UserDataSpec parseUserDataSpec(std::string_view spec);

/// Loads a user's table or array by its spec: readCsv() or readNpy(), then splitExamples() with
/// kTestFraction and kSplitSeed. The description's source is the spec with the path made
/// absolute (so a checkpoint opened from another directory finds the file). Throws DataError as
/// those.
[[nodiscard]] Dataset loadUserDataset(std::string_view spec);

} // namespace vae
