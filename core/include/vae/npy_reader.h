#pragma once

#include "vae/dataset.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vae {

/// The header of a NumPy .npy file (format versions 1.0, 2.0 and 3.0, numpy/lib/format.py): the
/// dict {'descr': …, 'fortran_order': …, 'shape': (…)} after the magic string, the version and
/// the header length.
struct NpyHeader {
    int major = 1;                    ///< format version: 1, 2 or 3
    std::string descr;                ///< the dtype as written, e.g. "<f4", "|u1"
    bool fortranOrder = false;        ///< column-major data
    std::vector<std::uint64_t> shape; ///< 0 to 32 dimensions, each < 2^63
    std::uint64_t dataOffset = 0;     ///< bytes before the data: 10 or 12 + the header length
};

/// Reads and checks the header of `file` (without reading the data). Throws DataError naming the
/// file when it is missing or unreadable, the magic string is wrong, the version is not 1, 2 or
/// 3, the header length goes beyond the file or 65,536 bytes, or the header is not a dict with
/// exactly the keys 'descr' (a string), 'fortran_order' (True or False) and 'shape' (a tuple of
/// non-negative integers).
[[nodiscard]] NpyHeader readNpyHeader(const std::filesystem::path& file);

/// Reads a NumPy array as examples. Dtypes: uint8 ('|u1'), float32 ('<f4') and float64 ('<f8');
/// any other (big-endian, integers wider than a byte, bool, complex, object, structured…) is
/// refused, naming it. Shapes:
/// - [N, F]: a table of N rows of F features, ValueKind::Real (to be standardised by
///   splitExamples()), height 1, width F;
/// - [N, H, W]: grey images; [N, H, W, C] with C = 1 or 3: images, channels last (HWC).
///   uint8 images are divided by 255 (ValueKind::UnitInterval); float images are UnitInterval when
///   every value lies in [0, 1], else Real.
/// fortran_order True is read and transposed into C order (pandas' DataFrame.to_numpy() gives
/// column-major arrays). The description's name is the file name; no labels, no class names.
///
/// Throws DataError naming the file, as readNpyHeader(), and for an unsupported dtype or shape
/// (N = 0, a 1-D or 5-D array, H, W or F above 65,536, C not 1 or 3, more than 2^31 − 1 values),
/// for a file shorter or longer than the header says (truncated or trailing data; checked
/// before anything is allocated, so a lying shape cannot allocate more than the file holds), and
/// for a NaN or infinite value or a float64 beyond the float range (naming the example and the
/// position).
[[nodiscard]] Examples readNpy(const std::filesystem::path& file);

} // namespace vae
