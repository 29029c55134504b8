#pragma once

#include "vae/data_description.h"
#include "vae/dataset.h"

#include <filesystem>

namespace vae {

/// Writes the first `count` examples of `set` (all of them when count ≤ 0 or count ≥ set.count)
/// as a NumPy .npy file (format 1.0, numpy/lib/format.py), float32 little-endian ('<f4'), in the
/// values the trainer sees: grey levels or binary values in [0, 1] for images, standardised values
/// for a table. The shape follows readNpy()'s conventions, so the file reads back as the same
/// examples: [N, F] for a table (description.height = 1), [N, H, W] for grey images,
/// [N, H, W, C] for colour (channels last). A generated set (shapes) is generated batch by batch.
/// The file is written whole or not at all (a temporary file, fsync'ed and renamed).
///
/// Throws DataError naming the file when it cannot be written (missing or unwritable directory,
/// full disk), or when the set's shape does not match `description`.
void writeNpy(const std::filesystem::path& file, const DataDescription& description,
              const ImageSet& set, int count = 0);

} // namespace vae
